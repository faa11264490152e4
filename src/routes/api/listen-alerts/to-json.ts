import type { ListenAlert } from "../../../services/listen-alerts/index.ts";
import { iso } from "../schemas.ts";

/** A spike alert as the API shows it. */
export function listenAlertJson(a: ListenAlert) {
  return {
    id: a.id,
    authors: a.authors,
    baseline: a.baseline,
    window_seconds: a.windowSeconds,
    top_words: a.topWords,
    post_urls: a.postUrls,
    incident_id: a.incidentId,
    paged: a.paged,
    created_at: a.createdAt.toISOString(),
    acked_at: iso(a.ackedAt),
    acked_by: a.ackedBy,
  };
}
