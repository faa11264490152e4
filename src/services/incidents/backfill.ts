import type { IncidentDetail } from "../../db/models.ts";
import { incidentComponents, incidents, incidentUpdates } from "../../db/schema/index.ts";
import { checkBackfill } from "../../domain/backfill.ts";
import { type ComponentStatus, impactFromStatus, worstStatus } from "../../domain/components.ts";
import { newId } from "../../lib/ids.ts";
import { promiseText } from "../../render/text.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { resolveComponents } from "../updates/index.ts";
import { checkNoOverlap } from "./backfill-overlap.ts";
import { getIncident } from "./get.ts";
import type { BackfillRequest } from "./types.ts";

const nobodyNotified = { twitter: false, email: false, webhook: false, chat: false };

/**
 * Records a past incident, with the updates it had and their times. Nothing
 * is sent (no outbox rows), nothing is promised (no next-update time, no ETA
 * ledger), the scheduler never sees it (it is resolved), and components keep
 * their status today. It shows on /history, the 90-day bars, the feeds and
 * v2 like any incident; the API marks it recorded afterwards (recorded_at),
 * and the promise statistics leave it out.
 *
 * @example await backfillIncident(ctx, { title, startedAt, resolvedAt, updates: [...] })
 */
export async function backfillIncident(ctx: ServiceContext, input: BackfillRequest): Promise<IncidentDetail> {
  const now = ctx.clock();
  checkBackfill(input, now);
  return withTransaction(ctx, async (tx, txCtx) => {
    const found = await resolveComponents(txCtx, input.components);
    const componentIds = [...found.values()].map((c) => c.id);
    await checkNoOverlap(txCtx, { ...input, componentIds });
    const statuses = Object.values(input.components ?? {}) as ComponentStatus[];
    const derived = impactFromStatus(worstStatus(statuses));
    const impact = input.impact ?? (derived === "none" ? "minor" : derived);
    const incidentId = newId("inc");
    await tx.insert(incidents).values({
      id: incidentId,
      title: input.title,
      status: "resolved",
      impact,
      startedAt: input.startedAt,
      resolvedAt: input.resolvedAt,
      eta: null,
      nextUpdateDueAt: null,
      createdBy: ctx.actor.name,
      updatedAt: now,
      recordedAt: now,
    });
    // As after any resolution: the incident last gave its components operational.
    const restored = Object.fromEntries([...found.keys()].map((slug) => [slug, "operational"]));
    if (componentIds.length) {
      await tx
        .insert(incidentComponents)
        .values(componentIds.map((componentId) => ({ incidentId, componentId, status: "operational" })));
    }
    const durationMs = input.resolvedAt.getTime() - input.startedAt.getTime();
    const last = input.updates.length - 1;
    await tx.insert(incidentUpdates).values(
      input.updates.map((u, i) => ({
        id: newId("upd"),
        incidentId,
        seq: i + 1,
        status: u.status,
        impact,
        body: u.message,
        promise:
          i === last
            ? promiseText({ resolved: true, durationMs, missedEta: null, missedByMs: null }, ctx.config.pageTimezone)
            : null,
        author: ctx.actor.name,
        kind: i === last ? "resolved" : "manual",
        componentChanges: i === last ? restored : i === 0 ? { ...input.components } : {},
        notify: nobodyNotified,
        createdAt: u.at,
      })),
    );
    await recordAudit(tx, ctx, now, {
      action: "incident.backfill",
      targetType: "incident",
      targetId: incidentId,
      details: JSON.parse(JSON.stringify({ ...input, updates: input.updates.length })),
    });
    return getIncident(txCtx, incidentId);
  });
}
