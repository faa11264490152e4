import { componentWebhookPayload } from "../render/statuspage/component-payload.ts";
import type { PageFacts } from "../render/statuspage/webhook-types.ts";
import { ChannelError, type ComponentEventSource, type DeliveryContext, type SubscriberDirectory } from "./types.ts";
import { webhookFanOut } from "./webhook-fan-out.ts";
import { type PostRules, postSignedWebhook } from "./webhook-post.ts";

export type ComponentJobDeps = {
  events: ComponentEventSource;
  directory: SubscriberDirectory;
  page: PageFacts;
  rules: PostRules;
  clock: () => Date;
  concurrency: number;
  batchSize: number;
  unsubscribe?: (subscriberId: string, now: Date) => Promise<void>;
};

/**
 * Runs one component.update job (issue 18): POSTs the event, in Statuspage's
 * component update shape, to every webhook that chose component events and
 * follows the component, once each: the webhooks that answered 2xx are
 * recorded (component_event_deliveries), so a retry or a crash sends only to
 * the rest. webhook-id and x-candor-delivery are the event's id.
 */
export async function runComponentUpdate(
  deps: ComponentJobDeps,
  payload: Record<string, unknown>,
  ctx: { now: Date } & Partial<Pick<DeliveryContext, "renewClaim">>,
): Promise<void> {
  const eventId = String(payload.eventId);
  const event = await deps.events.load(eventId);
  if (!event) throw new ChannelError(`component event ${eventId} no longer exists`, "permanent");
  const which = { id: event.id, componentId: event.component.id, createdAt: event.createdAt };
  const first = await deps.events.pending(which, null, deps.batchSize);
  if (!first.length) return;
  const body = componentWebhookPayload(event, deps.page, await deps.events.pageIndicator(), ctx.now);
  await webhookFanOut({
    ctx: { renewClaim: ctx.renewClaim ?? (async () => true) },
    now: ctx.now,
    directory: deps.directory,
    first,
    pending: (afterId) => deps.events.pending(which, afterId, deps.batchSize),
    concurrency: deps.concurrency,
    unsubscribe: deps.unsubscribe,
    async post(to) {
      const now = deps.clock();
      const json = JSON.stringify({ ...body, meta: { ...body.meta, generated_at: now.toISOString() } });
      const post = { url: to.url as string, event: "component.update", delivery: event.id, body: json, now };
      return postSignedWebhook({ ...post, secret: to.secret }, deps.rules);
    },
    recordSuccess: (to, status) => deps.events.delivered(event.id, to.id, status, deps.clock()),
  });
}
