import type { z } from "@hono/zod-openapi";
import type { SubscriberView, WebhookEvent } from "../../../services/subscribers/index.ts";
import { iso } from "../schemas.ts";
import type { ChatKindSchema, SubscriberSchema, SubscriberStateSchema, SubscriberTypeSchema } from "./schema.ts";

/** A subscriber as JSON. Never the webhook secret: that is shown once, when the webhook is created. */
export function subscriberJson(s: SubscriberView): z.infer<typeof SubscriberSchema> {
  return {
    id: s.id,
    type: s.type as z.infer<typeof SubscriberTypeSchema>,
    email: s.email,
    url: s.url,
    kind: s.kind as z.infer<typeof ChatKindSchema> | null,
    state: s.state as z.infer<typeof SubscriberStateSchema>,
    components: s.components,
    events: s.events as WebhookEvent[],
    failures: s.failures,
    last_error: s.lastError,
    confirmed_at: iso(s.confirmedAt),
    unsubscribed_at: iso(s.unsubscribedAt),
    quarantined_at: iso(s.quarantinedAt),
    created_at: s.createdAt.toISOString(),
  };
}
