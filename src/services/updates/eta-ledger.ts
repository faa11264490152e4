import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { etaRevisions } from "../../db/schema/index.ts";
import { settleEta, type UpdatePlan } from "../../domain/incidents.ts";
import { newId } from "../../lib/ids.ts";
import { queryable, type ServiceContext } from "../context.ts";

/**
 * Settles the ETA still open when an update replaces or withdraws it, or the
 * incident resolves, so the ledger says whether each estimate was met.
 */
export async function settleCurrentRevision(
  ctx: ServiceContext,
  incidentId: string,
  now: Date,
  plan: UpdatePlan,
): Promise<void> {
  const tx = queryable(ctx);
  if (plan.resolvedAt) {
    // Every estimate that was missed turned out late by the time to recovery.
    await tx
      .update(etaRevisions)
      .set({
        missedBySeconds: sql`round(extract(epoch from (${now.toISOString()}::timestamptz - ${etaRevisions.eta})))::int`,
      })
      .where(and(eq(etaRevisions.incidentId, incidentId), eq(etaRevisions.outcome, "missed")));
  }
  const [open] = await tx
    .select()
    .from(etaRevisions)
    .where(and(eq(etaRevisions.incidentId, incidentId), isNull(etaRevisions.settledAt)));
  if (!open) return;
  const settled = settleEta(open.eta, now, plan.resolvedAt ? { resolved: true } : { resolved: false, eta: plan.eta });
  await tx
    .update(etaRevisions)
    .set({ outcome: settled.outcome, missedBySeconds: settled.missedBySeconds, settledAt: now })
    .where(eq(etaRevisions.id, open.id));
}

/** Opens a revision for the ETA an update gives, so it can be judged later. */
export async function recordEtaRevision(
  ctx: ServiceContext,
  input: { incidentId: string; updateId: string; previousEta: Date | null; eta: Date | null; now: Date },
): Promise<void> {
  await queryable(ctx)
    .insert(etaRevisions)
    .values({
      id: newId("eta"),
      incidentId: input.incidentId,
      updateId: input.updateId,
      previousEta: input.previousEta,
      eta: input.eta,
      promisedAt: input.now,
    });
}

/** The latest ETA this incident missed, for the words that close it ("later than the … we gave"). */
export async function latestMissedEta(ctx: ServiceContext, incidentId: string): Promise<Date | null> {
  const [missed] = await queryable(ctx)
    .select({ eta: etaRevisions.eta })
    .from(etaRevisions)
    .where(and(eq(etaRevisions.incidentId, incidentId), eq(etaRevisions.outcome, "missed")))
    .orderBy(desc(etaRevisions.eta))
    .limit(1);
  return missed?.eta ?? null;
}
