import type { z } from "@hono/zod-openapi";
import { redactUrls } from "../../../lib/redact.ts";
import type { DeliveryListItem } from "../../../services/deliveries/index.ts";
import { iso } from "../schemas.ts";
import type { DeliverySchema } from "./schema.ts";

/** An outbox row as a delivery: what went out, what waits, what is dead and why. */
export function deliveryJson(d: DeliveryListItem): z.infer<typeof DeliverySchema> {
  return {
    id: d.id,
    channel: d.channel,
    topic: d.topic,
    update_id: d.updateId,
    incident_id: d.incidentId,
    kind: d.kind,
    state: d.state as z.infer<typeof DeliverySchema>["state"],
    attempts: d.attempts,
    max_attempts: d.maxAttempts,
    run_at: d.runAt.toISOString(),
    // Channels word errors without URLs; this also covers rows written before they did.
    last_error: d.lastError === null ? null : redactUrls(d.lastError),
    locked_by: d.lockedBy,
    created_at: d.createdAt.toISOString(),
    completed_at: iso(d.completedAt),
  };
}
