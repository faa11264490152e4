import { and, eq } from "drizzle-orm";
import { integrationAlerts } from "../../db/schema/index.ts";
import { type AlertArrival, alertArrival, endOf } from "../../domain/alerts.ts";
import type { ComponentStatus } from "../../domain/components.ts";
import { queryable, recordAudit, type ServiceContext } from "../context.ts";
import type { AlertSource, IncomingAlert } from "./types.ts";

type Input = {
  source: AlertSource;
  groupKey: string;
  alert: IncomingAlert;
  component: { id: string; slug: string };
  severity: string | null;
  status: ComponentStatus | null;
};

/**
 * Stores what one notification says of one alert, unless it is a repeat or
 * arrives late. Returns what it was, and the component the alert held
 * before when that changed (a mapping changed), which must be settled too.
 * Only a change is audited.
 */
export async function recordAlert(
  ctx: ServiceContext,
  input: Input,
): Promise<{ arrival: AlertArrival; formerComponentId: string | null }> {
  const tx = queryable(ctx);
  const now = ctx.clock();
  const { source, alert, component } = input;
  const key = and(eq(integrationAlerts.source, source), eq(integrationAlerts.fingerprint, alert.fingerprint));
  const [stored] = await tx.select().from(integrationAlerts).where(key).for("update");
  const incoming = { state: alert.state, startsAt: alert.startsAt, componentId: component.id, status: input.status };
  const arrival = alertArrival(stored ? { ...stored, state: stored.state as "firing" | "resolved" } : null, incoming);
  if (arrival !== "change") {
    // Seen again: kept a while longer before pruning, and nothing else.
    if (arrival === "repeat") await tx.update(integrationAlerts).set({ lastSeenAt: now }).where(key);
    return { arrival, formerComponentId: null };
  }
  const values = {
    componentId: component.id,
    severity: input.severity,
    status: input.status,
    state: alert.state,
    groupKey: input.groupKey,
    startsAt: alert.startsAt,
    endsAt: endOf(alert.endsAt),
    lastSeenAt: now,
  };
  if (stored) await tx.update(integrationAlerts).set(values).where(key);
  else await tx.insert(integrationAlerts).values({ source, fingerprint: alert.fingerprint, ...values });
  await recordAudit(tx, ctx, now, {
    action: `alert.${alert.state}`,
    targetType: "alert",
    targetId: `${source}:${alert.fingerprint}`,
    details: {
      source,
      fingerprint: alert.fingerprint,
      component: component.slug,
      severity: input.severity,
      status: input.status ?? "none",
      group_key: input.groupKey,
      starts_at: alert.startsAt.toISOString(),
    },
  });
  const formerComponentId = stored && stored.componentId !== component.id ? stored.componentId : null;
  return { arrival, formerComponentId };
}
