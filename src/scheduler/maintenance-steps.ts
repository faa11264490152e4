import { and, eq, isNull, sql } from "drizzle-orm";
import { incidents } from "../db/schema/index.ts";
import { maintenanceText } from "../render/text.ts";
import { type ServiceContext, systemActor, withTransaction } from "../services/context.ts";
import { maintenancePlan, reminderAt } from "../services/maintenances/index.ts";
import { nextSeq, writeUpdate } from "../services/updates/index.ts";
import { startWork } from "./start-work.ts";

// The scheduler's part of maintenance: reminders and starts. (Overruns are the
// engine's missed-ETA path: once started, the planned end is the maintenance's ETA.)

/** The SQL time a scheduled maintenance next needs Candor: its reminder, or else its start. */
const nextStepAt = sql`case when ${incidents.remindedAt} is null and ${incidents.remindBeforeMs} is not null
  then ${incidents.scheduledFor} - ${incidents.remindBeforeMs} * interval '1 millisecond'
  else ${incidents.scheduledFor} end`;

const scheduled = and(
  eq(incidents.kind, "maintenance"),
  eq(incidents.status, "scheduled"),
  isNull(incidents.resolvedAt),
);

/** Scheduled maintenances owed a reminder or a start at `now`. */
export async function findDueMaintenances(ctx: ServiceContext, now: Date, limit = 100): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(scheduled, sql`${nextStepAt} <= ${now.toISOString()}::timestamptz`))
    .orderBy(nextStepAt)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** When the next reminder or start falls due, for the engine's timer. */
export async function nextMaintenanceStepAt(ctx: ServiceContext): Promise<Date | null> {
  const [row] = await ctx.db
    .select({ at: sql<string | Date | null>`min(${nextStepAt})` })
    .from(incidents)
    .where(scheduled);
  return row?.at ? new Date(row.at) : null;
}

/**
 * Posts what a scheduled maintenance is owed at `now`, once even when
 * several processes race (the row lock skips a held row; the state is read
 * again under the lock): at its start, components go under_maintenance and
 * "started" is posted; before that, the reminder. A reminder whose time came
 * after the start (Candor was down) is dropped for the start.
 */
export async function runDueMaintenanceStep(ctx: ServiceContext, id: string): Promise<"reminder" | "started" | null> {
  const now = ctx.clock();
  const auto = { ...ctx, actor: systemActor };
  const done = await withTransaction(auto, async (tx, txCtx) => {
    const [m] = await tx.select().from(incidents).where(eq(incidents.id, id)).for("update", { skipLocked: true });
    if (m?.kind !== "maintenance" || m.status !== "scheduled" || m.resolvedAt) return null;
    const startsAt = m.scheduledFor as Date;
    const endsAt = m.scheduledUntil as Date;
    const tz = ctx.config.pageTimezone;
    if (startsAt.getTime() <= now.getTime()) {
      await startWork(txCtx, m, now);
      return "started" as const;
    }
    const remindAt = m.remindedAt ? null : reminderAt(startsAt, m.remindBeforeMs);
    if (!remindAt || remindAt.getTime() > now.getTime()) return null;
    await tx.update(incidents).set({ remindedAt: now, updatedAt: now }).where(eq(incidents.id, id));
    await writeUpdate(txCtx, {
      incidentId: id,
      seq: await nextSeq(txCtx, id),
      plan: maintenancePlan("scheduled", "reminder"),
      message: maintenanceText({ what: "reminder", startsAt, leadMs: startsAt.getTime() - now.getTime() }, tz),
      notify: m.notify ?? undefined,
      componentChanges: {},
      found: new Map(),
      previousEta: null,
      startedAt: m.startedAt,
      lateBySeconds: Math.round((now.getTime() - remindAt.getTime()) / 1000),
      promise: maintenanceText({ what: "planned", startsAt, endsAt }, tz),
      now,
    });
    return "reminder" as const;
  });
  if (done) ctx.afterCommit?.();
  return done;
}
