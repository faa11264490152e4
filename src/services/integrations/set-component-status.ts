import { eq } from "drizzle-orm";
import { components } from "../../db/schema/index.ts";
import type { ComponentStatus } from "../../domain/components.ts";
import { recordStatusChange } from "../components/record-status-change.ts";
import { queryable, recordAudit, type ServiceContext } from "../context.ts";

export type AlertCause = { source: string; fingerprints: string[] };

/**
 * Every component status change alerts make goes through here, and only
 * here: one place writes the status, records it as the alerts' doing
 * (component_events, component.update webhooks) and audits it with the
 * alerts that caused it. The components table's page_version trigger and
 * the write's own response refresh the public pages. Call it inside the
 * verb's transaction: the engine is woken once that commits.
 *
 * @example await setComponentStatus(ctx, { component, to: "major_outage", cause: { source: "alertmanager", fingerprints: ["c0ffee"] } })
 */
export async function setComponentStatus(
  ctx: ServiceContext,
  input: { component: { id: string; slug: string; status: string }; to: ComponentStatus; cause: AlertCause },
): Promise<void> {
  const now = ctx.clock();
  const tx = queryable(ctx);
  const { component, to } = input;
  await tx.update(components).set({ status: to, updatedAt: now }).where(eq(components.id, component.id));
  const event = await recordStatusChange(tx, {
    componentId: component.id,
    previous: component.status,
    status: to,
    cause: "alert",
    now,
  });
  if (event) ctx.afterCommit?.();
  await recordAudit(tx, ctx, now, {
    action: "component.alert_status",
    targetType: "component",
    targetId: input.component.id,
    details: {
      slug: input.component.slug,
      from: input.component.status,
      to: input.to,
      source: input.cause.source,
      fingerprints: input.cause.fingerprints,
    },
  });
}
