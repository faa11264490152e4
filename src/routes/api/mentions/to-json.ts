import type { HeardPost } from "../../../services/mentions/index.ts";

/** The inbox row as the API shows it. */
export function mentionJson(m: HeardPost) {
  return {
    id: m.id,
    url: m.url,
    author: { id: m.authorId, username: m.authorUsername },
    text: m.text,
    posted_at: m.postedAt.toISOString(),
    heard_at: m.heardAt.toISOString(),
    found_by: m.foundBy as ("mentions" | "search")[],
    mentions_us: m.mentionsUs,
    is_retweet: m.isRetweet,
    in_our_thread: m.inOurThread,
    incident_id: m.incidentId,
    state: m.state as "new" | "acknowledged" | "handled" | "ignored",
    note: m.note,
  };
}
