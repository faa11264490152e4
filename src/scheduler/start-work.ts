import { and, eq, isNull } from "drizzle-orm";
import type { Incident } from "../db/models.ts";
import { components, incidentComponents, incidents } from "../db/schema/index.ts";
import { type ComponentStatus, worstStatus } from "../domain/components.ts";
import { maintenanceText } from "../render/text.ts";
import { queryable, type ServiceContext } from "../services/context.ts";
import { maintenancePlan } from "../services/maintenances/index.ts";
import { type Found, nextSeq, openIncidentStatuses, writeUpdate } from "../services/updates/index.ts";

/**
 * The start: components under maintenance (never hiding a worse outage), the
 * end becomes the ETA. Call it with the transaction's context and the
 * maintenance's row locked.
 */
export async function startWork(ctx: ServiceContext, m: Incident, now: Date): Promise<void> {
  const tx = queryable(ctx);
  const endsAt = m.scheduledUntil as Date;
  const held = await tx
    .select({ id: components.id, slug: components.slug, status: components.status })
    .from(incidentComponents)
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    .where(and(eq(incidentComponents.incidentId, m.id), isNull(components.deletedAt)));
  const changes: Record<string, ComponentStatus> = {};
  const found: Found = new Map();
  const incidentsGive = await openIncidentStatuses(
    ctx,
    m.id,
    held.map((c) => c.id),
  );
  for (const c of held) {
    // An open incident's status belongs to that incident (it restores it on
    // resolution); only a status set by hand is ours to give back.
    const fromIncidents = incidentsGive.get(c.id) ?? [];
    await tx
      .update(incidentComponents)
      .set({ status: "under_maintenance", formerStatus: fromIncidents.length ? "operational" : c.status })
      .where(and(eq(incidentComponents.incidentId, m.id), eq(incidentComponents.componentId, c.id)));
    // A component an open incident shows in an outage stays shown as one: maintenance ranks below any outage.
    if (worstStatus([...fromIncidents, "under_maintenance"]) === "under_maintenance") {
      changes[c.slug] = "under_maintenance";
      found.set(c.slug, c);
    }
  }
  const lateByMs = now.getTime() - (m.scheduledFor as Date).getTime();
  await tx
    .update(incidents)
    .set({
      status: "in_progress",
      startedAt: now,
      eta: endsAt,
      nextUpdateDueAt: endsAt,
      remindedAt: m.remindedAt ?? now,
      updatedAt: now,
    })
    .where(eq(incidents.id, m.id));
  const tz = ctx.config.pageTimezone;
  await writeUpdate(ctx, {
    incidentId: m.id,
    seq: await nextSeq(ctx, m.id),
    plan: maintenancePlan("in_progress", "started", { eta: endsAt, etaChanged: true, nextUpdateDueAt: endsAt }),
    message: maintenanceText({ what: "started", lateByMs }, tz),
    notify: m.notify ?? undefined,
    componentChanges: changes,
    found,
    previousEta: null,
    startedAt: now,
    lateBySeconds: Math.round(lateByMs / 1000),
    promise: maintenanceText({ what: "working", endsAt, previousEndsAt: null }, tz),
    now,
  });
}
