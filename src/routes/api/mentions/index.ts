import type { Api } from "../../env.ts";
import { registerDeleteMention } from "./delete.ts";
import { registerListMentions } from "./list.ts";
import { registerUpdateMention } from "./update.ts";

export { deleteMentionRoute, registerDeleteMention } from "./delete.ts";
export { listMentionsRoute, registerListMentions } from "./list.ts";
export { registerUpdateMention, updateMentionRoute } from "./update.ts";

/** Registers the inbox: list (mentions:read), triage and delete (mentions:write). */
export function registerMentionRoutes(api: Api) {
  registerListMentions(api);
  registerUpdateMention(api);
  registerDeleteMention(api);
}
