import type { heardPosts } from "../../db/schema/index.ts";

/** Where a post in the inbox stands: a person's triage, or the automatic acknowledgement's. */
export const mentionStates = ["new", "acknowledged", "handled", "ignored"] as const;
export type MentionState = (typeof mentionStates)[number];

/** How a post was found. */
export const listenSources = ["mentions", "search"] as const;
export type ListenSource = (typeof listenSources)[number];

export type HeardPost = typeof heardPosts.$inferSelect;

/** Our account on X, as GET /2/users/me named it. */
export type Account = { id: string; username: string };
