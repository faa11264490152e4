// The inbox of posts heard on X (issue 16): stored by the listeners, read and
// triaged by people with mentions:read and mentions:write. Handles and text
// are personal data: nothing here feeds a public page.

export { countHeardPeople } from "./count-people.ts";
export { type ListMentionsInput, listMentions, type MentionPage } from "./list.ts";
export { openIncidentId } from "./open-incident.ts";
export { removeMention } from "./remove.ts";
export { type StoreHeardInput, storeHeardPosts } from "./store.ts";
export * from "./types.ts";
export { type UpdateMentionInput, updateMention } from "./update.ts";
