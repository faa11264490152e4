import { and, count, eq, isNull, lte, or, sql } from "drizzle-orm";
import { incidents, incidentUpdates } from "../db/schema/index.ts";
import type { Impact } from "../domain/components.ts";
import type { IncidentStatus, UpdatePlan } from "../domain/incidents.ts";
import { dueAutomaticUpdate } from "../domain/promises.ts";
import { etaMissedText, holdingText, maintenanceText } from "../render/text.ts";
import { type ServiceContext, systemActor, withTransaction } from "./context.ts";
import { nextSeq, writeUpdate } from "./incidents.ts";

/** Open incidents that owe customers an automatic update at `now`. */
export async function findDueIncidents(ctx: ServiceContext, now: Date, limit = 100): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(isNull(incidents.resolvedAt), or(lte(incidents.nextUpdateDueAt, now), lte(incidents.eta, now))))
    .orderBy(sql`least(${incidents.eta}, ${incidents.nextUpdateDueAt})`)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** The earliest time any open incident will owe an automatic update. */
export async function nextPromiseDueAt(ctx: ServiceContext): Promise<Date | null> {
  const [row] = await ctx.db
    .select({ at: sql<string | Date | null>`min(least(${incidents.eta}, ${incidents.nextUpdateDueAt}))` })
    .from(incidents)
    .where(isNull(incidents.resolvedAt));
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
export async function postDueAutomaticUpdate({
  ctx,
  incidentId,
}: {
  ctx: ServiceContext;
  incidentId: string;
}): Promise<"holding" | "eta_missed" | null> {
  const now = ctx.clock();
  const auto = { ...ctx, actor: systemActor };
  const kind = await withTransaction(auto, async (tx) => {
    const [incident] = await tx
      .select()
      .from(incidents)
      .where(eq(incidents.id, incidentId))
      .for("update", { skipLocked: true });
    if (!incident) return null;
    const due = dueAutomaticUpdate({ ...incident, status: incident.status as IncidentStatus }, now);
    if (!due) return null;
    const nextUpdateDueAt = new Date(now.getTime() + incident.updateIntervalMs);
    const tz = ctx.config.pageTimezone;
    const [{ holdings }] = await tx
      .select({ holdings: count() })
      .from(incidentUpdates)
      .where(and(eq(incidentUpdates.incidentId, incidentId), eq(incidentUpdates.kind, "holding")));
    // A maintenance's ETA is its planned end: passing it is an overrun, said as one.
    const overrun = incident.kind === "maintenance" && due.kind === "eta_missed";
    const message = overrun
      ? maintenanceText({ what: "overrun", missedEnd: due.missedEta, nextUpdateDueAt, lateByMs: due.lateByMs }, tz)
      : due.kind === "eta_missed"
        ? etaMissedText({ missedEta: due.missedEta, nextUpdateDueAt, lateByMs: due.lateByMs, timeZone: tz })
        : holdingText({
            status: incident.status as IncidentStatus,
            eta: incident.eta,
            nextUpdateDueAt,
            now,
            lateByMs: due.lateByMs,
            variant: holdings,
            timeZone: tz,
            maintenance: incident.kind === "maintenance",
          });
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
    await writeUpdate(tx, auto, now, {
      incidentId,
      seq: await nextSeq(tx, incidentId),
      plan,
      // A maintenance's automatic updates go where its announcement went.
      input: { message, notify: incident.notify ?? undefined },
      componentChanges: {},
      found: new Map(),
      previousEta: incident.eta,
      startedAt: incident.startedAt,
      lateBySeconds: Math.round(due.lateByMs / 1000),
    });
    return due.kind;
  });
  if (kind) ctx.afterCommit?.();
  return kind;
}
