import { z } from "@hono/zod-openapi";
import { listenSources, mentionStates } from "../../../services/mentions/index.ts";

export const MentionStateSchema = z.enum(mentionStates).openapi("MentionState");
export const ListenSourceSchema = z.enum(listenSources).openapi("ListenSource");

/** A post heard on X, as the inbox shows it to keys with mentions:read (personal data: never public). */
export const MentionSchema = z
  .object({
    id: z.string().openapi({ example: "1790000000000000042" }),
    url: z.string().openapi({ example: "https://x.com/ada/status/1790000000000000042" }),
    author: z.object({ id: z.string(), username: z.string() }),
    text: z.string(),
    posted_at: z.string(),
    heard_at: z.string(),
    found_by: z.array(ListenSourceSchema),
    mentions_us: z.boolean(),
    is_retweet: z.boolean(),
    in_our_thread: z.boolean(),
    incident_id: z.string().nullable(),
    state: MentionStateSchema,
    note: z.string().nullable(),
  })
  .openapi("Mention");
