import { and, eq, isNull, lte, notInArray, or, sql } from "drizzle-orm";
import { incidents } from "../db/schema/index.ts";
import type { Impact } from "../domain/components.ts";
import type { IncidentStatus, UpdatePlan } from "../domain/incidents.ts";
import { dueAutomaticUpdate } from "../domain/promises.ts";
import { type ServiceContext, systemActor, withTransaction } from "../services/context.ts";
import { nextSeq, writeUpdate } from "../services/updates/index.ts";
import { automaticMessage } from "./automatic-message.ts";

/** Leaves out the incidents whose automatic update is being posted right now. */
const notBeing = (ids: readonly string[]) => (ids.length ? notInArray(incidents.id, [...ids]) : undefined);

/** Open incidents that owe customers an automatic update at `now` (but those in `excluding`). */
export async function findDueIncidents(
  ctx: ServiceContext,
  now: Date,
  limit = 100,
  excluding: readonly string[] = [],
): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: incidents.id })
    .from(incidents)
    .where(
      and(
        isNull(incidents.resolvedAt),
        or(lte(incidents.nextUpdateDueAt, now), lte(incidents.eta, now)),
        notBeing(excluding),
      ),
    )
    .orderBy(sql`least(${incidents.eta}, ${incidents.nextUpdateDueAt})`)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** The earliest time any open incident (but those in `excluding`) will owe an automatic update, for the engine's timer. */
export async function nextPromiseDueAt(ctx: ServiceContext, excluding: readonly string[] = []): Promise<Date | null> {
  const [row] = await ctx.db
    .select({ at: sql<string | Date | null>`min(least(${incidents.eta}, ${incidents.nextUpdateDueAt}))` })
    .from(incidents)
    .where(and(isNull(incidents.resolvedAt), notBeing(excluding)));
  return row?.at ? new Date(row.at) : null;
}

/**
 * Posts the automatic update an incident owes, if it still owes one once its
 * row is locked. Several processes may race here: the lock skips a row that
 * another holds, and the re-check after locking sees a promise another just
 * kept, so an automatic update is never posted twice.
 *
 * Returns the kind posted, or null when nothing was owed.
 */
export async function postDueAutomaticUpdate(
  ctx: ServiceContext,
  incidentId: string,
): Promise<"holding" | "eta_missed" | null> {
  const now = ctx.clock();
  const auto = { ...ctx, actor: systemActor };
  let lateByMs = 0;
  const kind = await withTransaction(auto, async (tx, txCtx) => {
    const [incident] = await tx
      .select()
      .from(incidents)
      .where(eq(incidents.id, incidentId))
      .for("update", { skipLocked: true });
    if (!incident) return null;
    const due = dueAutomaticUpdate({ ...incident, status: incident.status as IncidentStatus }, now);
    if (!due) return null;
    lateByMs = due.lateByMs;
    const nextUpdateDueAt = new Date(now.getTime() + incident.updateIntervalMs);
    const message = await automaticMessage(txCtx, { incident, due, nextUpdateDueAt, now });
    const plan: UpdatePlan = {
      status: incident.status as IncidentStatus,
      impact: incident.impact as Impact,
      // Admitting a missed ETA withdraws it: we do not know the new one yet.
      eta: due.kind === "eta_missed" ? null : incident.eta,
      etaChanged: due.kind === "eta_missed",
      nextUpdateDueAt,
      resolvedAt: null,
      kind: due.kind,
    };
    await tx
      .update(incidents)
      .set({ eta: plan.eta, nextUpdateDueAt, updatedAt: now })
      .where(eq(incidents.id, incidentId));
    await writeUpdate(txCtx, {
      incidentId,
      seq: await nextSeq(txCtx, incidentId),
      plan,
      // A maintenance's automatic updates go where its announcement went.
      message,
      notify: incident.notify ?? undefined,
      componentChanges: {},
      found: new Map(),
      previousEta: incident.eta,
      startedAt: incident.startedAt,
      lateBySeconds: Math.round(due.lateByMs / 1000),
      now,
    });
    return due.kind;
  });
  if (kind) ctx.afterCommit?.();
  // After an outage or a stall the engine catches up: say how late, so an
  // operator can see what customers were kept waiting for.
  if (kind && lateByMs >= 1000) {
    ctx.log?.(
      `${kind === "holding" ? "holding update" : "missed-ETA update"} for ${incidentId} posted ${Math.round(lateByMs / 1000)} s late`,
    );
  }
  return kind;
}
