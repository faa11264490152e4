import type { Indicator } from "./page-status.ts";
import { pageIdOf } from "./time.ts";
import { payloadHead } from "./webhook-payload.ts";
import type { PageFacts } from "./webhook-types.ts";

/** One component status change as the component.update webhook tells it. */
export type ComponentEventFacts = {
  id: string;
  previousStatus: string;
  status: string;
  createdAt: Date;
  component: { id: string; name: string; status: string; createdAt: Date };
};

/**
 * The JSON a webhook receives when a component's status changes: Statuspage's
 * component update webhook (meta, page, component_update, component), with
 * the page's name and url as in Candor's incident payloads. Like those, it
 * tells what was true then: `component.status` is the event's new status
 * even when a retry is sent after later changes. `page.status_indicator` is
 * the page as it stands when the payload is built. Receivers that apply
 * changes should order them by `component_update.created_at` (a retry can
 * arrive after a later event) and dedupe on the webhook-id, the event's id.
 */
export type ComponentWebhookPayload = {
  meta: { unsubscribe: null; documentation: string; generated_at: string };
  page: { id: string; name: string; url: string; status_indicator: Indicator; status_description: string };
  component_update: { created_at: string; new_status: string; old_status: string; id: string; component_id: string };
  component: { created_at: string; id: string; page_id: string; name: string; status: string };
};

/** Webhook payloads keep UTC timestamps, as the incident ones do. */
const utc = (at: Date) => at.toISOString();

/**
 * @example componentWebhookPayload(event, { name: "Acme", publicUrl }, "none", now).component_update.new_status
 */
export function componentWebhookPayload(
  event: ComponentEventFacts,
  page: PageFacts,
  indicator: Indicator,
  generatedAt: Date,
): ComponentWebhookPayload {
  const pageId = pageIdOf(page.publicUrl);
  return {
    ...payloadHead(page, indicator, generatedAt),
    component_update: {
      created_at: utc(event.createdAt),
      new_status: event.status,
      old_status: event.previousStatus,
      id: event.id,
      component_id: event.component.id,
    },
    component: {
      created_at: utc(event.component.createdAt),
      id: event.component.id,
      page_id: pageId,
      name: event.component.name,
      status: event.status,
    },
  };
}
