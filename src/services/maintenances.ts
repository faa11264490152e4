import { and, asc, desc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { Queryable } from "../db/client.ts";
import { components, etaRevisions, incidentComponents, incidents } from "../db/schema/index.ts";
import { type ComponentStatus, worstStatus } from "../domain/components.ts";
import type { UpdatePlan } from "../domain/incidents.ts";
import {
  defaultRemindBeforeMs,
  type MaintenanceStatus,
  peakHoursConflict,
  windowProblems,
} from "../domain/maintenance.ts";
import { AppError, type FieldProblem } from "../errors.ts";
import { newId } from "../lib/ids.ts";
import { maintenanceText } from "../render/text.ts";
import { findLiveComponents } from "./components/index.ts";
import { recordAudit, type ServiceContext, systemActor, withTransaction } from "./context.ts";
import {
  type Found,
  getIncident,
  type Incident,
  type IncidentDetail,
  type IncidentSummary,
  listIncidentSummaries,
  nextSeq,
  openIncidentStatuses,
  type UpdateRequest,
  writeUpdate,
} from "./incidents.ts";

/**
 * Scheduled maintenance. A maintenance is a row of `incidents` with kind
 * "maintenance": it gets its own X thread and email thread, its updates go
 * through the same outbox to every channel, and once the work has started
 * its planned end is an ETA, so the honesty engine treats an overrun exactly
 * like a missed ETA (an apology, then holding updates on the promised
 * cadence) until an engineer completes it.
 */

export type MaintenanceDetail = IncidentDetail;
export type Notify = UpdateRequest["notify"];

export type ScheduleRequest = {
  title: string;
  message: string;
  components: string[];
  startsAt: Date;
  endsAt: Date;
  notify?: Notify;
  /** null: no reminder; undefined: the default (one hour). */
  remindBeforeMs?: number | null;
  allowPeakHours?: boolean;
  tweet?: string;
};

export type EditRequest = {
  title?: string;
  /** Posted as an update to every channel (with the rescheduling, when the window moves too). */
  message?: string;
  components?: string[];
  startsAt?: Date;
  endsAt?: Date;
  remindBeforeMs?: number | null;
  allowPeakHours?: boolean;
  notify?: Notify;
  tweet?: string;
};

export type ProgressRequest = {
  message: string;
  status?: "in_progress" | "verifying";
  notify?: Notify;
  tweet?: string;
};

export type CloseRequest = { message?: string; notify?: Notify; tweet?: string };

const openStates: MaintenanceStatus[] = ["scheduled", "in_progress", "verifying"];
const working = (status: string) => status === "in_progress" || status === "verifying";

/** When a reminder `remindBeforeMs` ahead of `startsAt` is due; null when none is wanted. */
function reminderAt(startsAt: Date, remindBeforeMs: number | null): Date | null {
  return remindBeforeMs === null ? null : new Date(startsAt.getTime() - remindBeforeMs);
}

/** remindedAt for a fresh window: a reminder whose time has already come is not sent (the announcement is news enough). */
function remindedAtFor(startsAt: Date, remindBeforeMs: number | null, now: Date): Date | null {
  const at = reminderAt(startsAt, remindBeforeMs);
  return at === null || at.getTime() <= now.getTime() ? now : null;
}

async function resolveSlugs(tx: Queryable, slugs: string[]): Promise<Found> {
  const unique = [...new Set(slugs)];
  const found = await findLiveComponents(tx, unique);
  const unknown = unique.filter((s) => !found.has(s));
  if (unknown.length) {
    throw AppError.invalid(unknown.map((s) => ({ field: "components", message: `no component has slug "${s}"` })));
  }
  return found;
}

/** The peak-hours check for a window the caller sets, and what the audit log keeps of an override. */
function checkPeakHours(ctx: ServiceContext, startsAt: Date, endsAt: Date, allow: boolean, now: Date) {
  const conflict = peakHoursConflict(ctx.config.peakHours, startsAt, endsAt, now);
  if (conflict && !allow) throw conflict;
  return conflict ? { peakHoursOverride: { reason: conflict.message, ...conflict.extra } } : {};
}

async function lockMaintenance(tx: Queryable, id: string): Promise<Incident> {
  const [row] = await tx.select().from(incidents).where(eq(incidents.id, id)).for("update");
  if (row?.kind !== "maintenance") throw AppError.notFound("maintenance", id);
  return row;
}

function plan(
  status: MaintenanceStatus,
  kind: UpdatePlan["kind"],
  fields: Partial<Pick<UpdatePlan, "eta" | "etaChanged" | "nextUpdateDueAt" | "resolvedAt">> = {},
): UpdatePlan {
  return {
    // The plan's status type is the incident's; the column holds either kind's.
    status: status as UpdatePlan["status"],
    impact: "none",
    eta: fields.eta ?? null,
    etaChanged: fields.etaChanged ?? false,
    nextUpdateDueAt: fields.nextUpdateDueAt ?? null,
    resolvedAt: fields.resolvedAt ?? null,
    kind,
  };
}

/** The promise an open maintenance's update carries: its window before the work, its end during it. */
function promiseFor(ctx: ServiceContext, m: Incident, previousEndsAt: Date | null = null): string {
  const tz = ctx.config.pageTimezone;
  if (m.status === "scheduled") {
    return maintenanceText({ what: "planned", startsAt: m.scheduledFor as Date, endsAt: m.scheduledUntil as Date }, tz);
  }
  if (m.eta) return maintenanceText({ what: "working", endsAt: m.eta, previousEndsAt }, tz);
  // Past the planned end with no new one: the next update is the promise.
  return m.nextUpdateDueAt ? maintenanceText({ what: "next", nextUpdateDueAt: m.nextUpdateDueAt }, tz) : "";
}

/** Announces a maintenance on every channel; 409 when it falls in peak hours and the caller did not allow it. */
export async function scheduleMaintenance({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ScheduleRequest;
}): Promise<MaintenanceDetail> {
  const now = ctx.clock();
  const problems = windowProblems(input.startsAt, input.endsAt, now);
  if (problems.length) throw AppError.invalid(problems);
  const override = checkPeakHours(ctx, input.startsAt, input.endsAt, input.allowPeakHours ?? false, now);
  const remindBeforeMs = input.remindBeforeMs === undefined ? defaultRemindBeforeMs : input.remindBeforeMs;
  const id = await withTransaction(ctx, async (tx) => {
    const found = await resolveSlugs(tx, input.components);
    const maintenanceId = newId("mnt");
    const row = {
      id: maintenanceId,
      kind: "maintenance",
      title: input.title,
      status: "scheduled",
      impact: "none",
      startedAt: input.startsAt,
      resolvedAt: null,
      eta: null,
      nextUpdateDueAt: null,
      updateIntervalMs: ctx.config.defaultUpdateIntervalMs,
      createdBy: ctx.actor.name,
      updatedAt: now,
      scheduledFor: input.startsAt,
      scheduledUntil: input.endsAt,
      remindBeforeMs,
      remindedAt: remindedAtFor(input.startsAt, remindBeforeMs, now),
      allowPeakHours: Boolean(override.peakHoursOverride),
      notify: input.notify ? { twitter: true, email: true, webhook: true, ...input.notify } : null,
    };
    await tx.insert(incidents).values(row);
    if (found.size) {
      // Named now (subscribers' component filters apply to every announcement); changed only when the work starts.
      await tx
        .insert(incidentComponents)
        .values(
          [...found.values()].map((c) => ({ incidentId: maintenanceId, componentId: c.id, status: "operational" })),
        );
    }
    await writeUpdate(tx, ctx, now, {
      incidentId: maintenanceId,
      seq: 1,
      plan: plan("scheduled", "announced"),
      input,
      componentChanges: {},
      found: new Map(),
      previousEta: null,
      startedAt: input.startsAt,
      promise: promiseFor(ctx, row as Incident),
    });
    await recordAudit(tx, ctx, now, {
      action: "maintenance.schedule",
      targetType: "maintenance",
      targetId: maintenanceId,
      details: {
        title: input.title,
        components: [...found.keys()],
        startsAt: input.startsAt.toISOString(),
        endsAt: input.endsAt.toISOString(),
        remindBeforeMs,
        notify: input.notify,
        ...override,
      },
    });
    return maintenanceId;
  });
  ctx.afterCommit?.();
  return getMaintenance({ ctx, id });
}

export async function getMaintenance({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<MaintenanceDetail> {
  const [row] = await ctx.db.select({ kind: incidents.kind }).from(incidents).where(eq(incidents.id, id));
  if (row?.kind !== "maintenance") throw AppError.notFound("maintenance", id);
  return getIncident({ ctx, id });
}

export type MaintenanceState = "upcoming" | "active" | "open" | "past";

/**
 * Maintenances by state: upcoming (scheduled, soonest first), active (in
 * progress or verifying), open (both), past (completed or cancelled, latest
 * first); with no state, all of them, latest window first.
 */
export async function listMaintenances({
  ctx,
  state,
  limit,
}: {
  ctx: ServiceContext;
  state?: MaintenanceState;
  limit: number;
}): Promise<IncidentSummary[]> {
  const statuses: Record<MaintenanceState, MaintenanceStatus[]> = {
    upcoming: ["scheduled"],
    active: ["in_progress", "verifying"],
    open: openStates,
    past: ["completed", "cancelled"],
  };
  const rows = await ctx.db
    .select()
    .from(incidents)
    .where(and(eq(incidents.kind, "maintenance"), state ? inArray(incidents.status, statuses[state]) : undefined))
    .orderBy(
      state === "upcoming" || state === "open" ? asc(incidents.scheduledFor) : desc(incidents.scheduledFor),
      asc(incidents.id),
    )
    .limit(limit);
  return listIncidentSummaries(ctx, rows);
}

/**
 * Edits a maintenance. Before the work starts: title, components, reminder
 * and the window (a moved window is announced as a rescheduling, old time
 * and new, and checked against peak hours again). Once it has started: the
 * title and the end (a new end is an ETA revision). A `message` is posted as
 * an update on every channel; an edit with neither message nor new window is
 * recorded silently.
 */
export async function editMaintenance({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: EditRequest;
}): Promise<MaintenanceDetail> {
  const now = ctx.clock();
  const posted = await withTransaction(ctx, async (tx) => {
    const m = await lockMaintenance(tx, id);
    if (!openStates.includes(m.status as MaintenanceStatus)) {
      throw AppError.conflict(`maintenance ${id} is ${m.status}; schedule a new one instead`);
    }
    const started = working(m.status);
    const problems: FieldProblem[] = [];
    if (started) {
      if (input.startsAt && input.startsAt.getTime() !== m.scheduledFor?.getTime())
        problems.push({ field: "starts_at", message: "cannot move once the work has started" });
      if (input.components) problems.push({ field: "components", message: "cannot change once the work has started" });
      if (input.remindBeforeMs !== undefined)
        problems.push({ field: "remind_before", message: "has no use once the work has started" });
    }
    const oldStart = m.scheduledFor as Date;
    const oldEnd = m.scheduledUntil as Date;
    const startsAt = input.startsAt ?? oldStart;
    const endsAt = input.endsAt ?? oldEnd;
    const moved = startsAt.getTime() !== oldStart.getTime() || endsAt.getTime() !== oldEnd.getTime();
    if (moved) problems.push(...windowProblems(startsAt, endsAt, now, started));
    if (problems.length) throw AppError.invalid(problems);
    // Peak hours are checked for a window the caller moves (the override goes with the request that needs it).
    const override = moved && !started ? checkPeakHours(ctx, startsAt, endsAt, input.allowPeakHours ?? false, now) : {};

    const remindBeforeMs = input.remindBeforeMs === undefined ? m.remindBeforeMs : input.remindBeforeMs;
    const set: Partial<Incident> = { updatedAt: now };
    if (input.title !== undefined) set.title = input.title;
    // The automatic updates still to come go where this edit says, too.
    if (input.notify) set.notify = { twitter: true, email: true, webhook: true, ...m.notify, ...input.notify };
    if (!started) {
      if (moved || input.remindBeforeMs !== undefined) set.remindedAt = remindedAtFor(startsAt, remindBeforeMs, now);
      if (moved) {
        set.scheduledFor = startsAt;
        set.scheduledUntil = endsAt;
        set.startedAt = startsAt;
        set.allowPeakHours = Boolean(override.peakHoursOverride);
      }
      set.remindBeforeMs = remindBeforeMs;
    } else if (moved) {
      set.scheduledUntil = endsAt;
      set.eta = endsAt;
      set.nextUpdateDueAt = endsAt;
    }
    if (input.components && !started) {
      const found = await resolveSlugs(tx, input.components);
      const ids = [...found.values()].map((c) => c.id);
      await tx
        .delete(incidentComponents)
        .where(
          and(
            eq(incidentComponents.incidentId, id),
            ids.length ? notInArray(incidentComponents.componentId, ids) : undefined,
          ),
        );
      if (ids.length) {
        await tx
          .insert(incidentComponents)
          .values(ids.map((componentId) => ({ incidentId: id, componentId, status: "operational" })))
          .onConflictDoNothing();
      }
    }
    await tx.update(incidents).set(set).where(eq(incidents.id, id));
    const after = { ...m, ...set } as Incident;

    let updateId: string | null = null;
    if (moved || input.message) {
      const tz = ctx.config.pageTimezone;
      const rescheduled =
        moved && !started
          ? maintenanceText({ what: "rescheduled", oldStartsAt: oldStart, oldEndsAt: oldEnd, startsAt, endsAt }, tz)
          : null;
      const message = [rescheduled, input.message].filter(Boolean).join(" ");
      updateId = await writeUpdate(tx, ctx, now, {
        incidentId: id,
        seq: await nextSeq(tx, id),
        plan: plan(m.status as MaintenanceStatus, rescheduled ? "rescheduled" : "manual", {
          eta: after.eta,
          etaChanged: started && moved,
          nextUpdateDueAt: after.nextUpdateDueAt,
        }),
        input: { message: message || "We have revised when we expect this maintenance to finish.", ...pick(m, input) },
        componentChanges: {},
        found: new Map(),
        previousEta: m.eta,
        startedAt: after.startedAt,
        // A rescheduling names the new window in its message; the promise need not repeat it.
        promise: rescheduled
          ? maintenanceText({ what: "planned", startsAt, endsAt, windowInMessage: true }, tz)
          : promiseFor(ctx, after, started && moved ? (m.eta ?? oldEnd) : null),
      });
    }
    await recordAudit(tx, ctx, now, {
      action: moved && !started ? "maintenance.reschedule" : "maintenance.edit",
      targetType: "maintenance",
      targetId: id,
      details: {
        updateId,
        ...auditOf(input),
        ...(moved ? { from: [oldStart, oldEnd], to: [startsAt, endsAt] } : {}),
        ...override,
      },
    });
    return updateId !== null;
  });
  if (posted) ctx.afterCommit?.();
  return getMaintenance({ ctx, id });
}

/**
 * An engineer's update goes where the maintenance's announcement went
 * (its stored notify), unless this update says otherwise channel by channel.
 */
const pick = (m: Pick<Incident, "notify">, input: { notify?: Notify; tweet?: string }) => ({
  notify: m.notify || input.notify ? { ...m.notify, ...input.notify } : undefined,
  tweet: input.tweet,
});

function auditOf(input: object): Record<string, unknown> {
  const { message: _message, ...rest } = input as { message?: string };
  return JSON.parse(JSON.stringify(rest));
}

/** An update while a maintenance is open; `status` moves working maintenance between in_progress and verifying. */
export async function postMaintenanceUpdate({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: ProgressRequest;
}): Promise<MaintenanceDetail> {
  const now = ctx.clock();
  await withTransaction(ctx, async (tx) => {
    const m = await lockMaintenance(tx, id);
    if (!openStates.includes(m.status as MaintenanceStatus)) {
      throw AppError.conflict(`maintenance ${id} is ${m.status}; it takes no more updates`);
    }
    if (input.status && !working(m.status)) {
      throw AppError.invalid([
        { field: "status", message: "can change only once the work has started (it starts at starts_at)" },
      ]);
    }
    const status = (input.status ?? m.status) as MaintenanceStatus;
    if (status !== m.status) await tx.update(incidents).set({ status, updatedAt: now }).where(eq(incidents.id, id));
    const after = { ...m, status } as Incident;
    const updateId = await writeUpdate(tx, ctx, now, {
      incidentId: id,
      seq: await nextSeq(tx, id),
      plan: plan(status, "manual", { eta: m.eta, nextUpdateDueAt: m.nextUpdateDueAt }),
      input: { message: input.message, ...pick(m, input) },
      componentChanges: {},
      found: new Map(),
      previousEta: m.eta,
      startedAt: m.startedAt,
      promise: promiseFor(ctx, after),
    });
    await recordAudit(tx, ctx, now, {
      action: "maintenance.update",
      targetType: "maintenance",
      targetId: id,
      details: { updateId, ...auditOf(input) },
    });
  });
  ctx.afterCommit?.();
  return getMaintenance({ ctx, id });
}

type Closing = {
  status: "completed" | "cancelled";
  defaultMessage: string;
  /** Why this maintenance cannot be closed this way (a 409), or null. */
  refusal(m: Incident): string | null;
  /** The promise to post, the component statuses it gives, and what the audit log keeps. */
  prepare(
    tx: Queryable,
    m: Incident,
    now: Date,
  ): Promise<{ promise: string; changes: Record<string, ComponentStatus>; found: Found }>;
};

/** Completes or cancels a maintenance: one update on every channel, and it takes no more. */
async function closeMaintenance(ctx: ServiceContext, id: string, input: CloseRequest, how: Closing) {
  const now = ctx.clock();
  await withTransaction(ctx, async (tx) => {
    const m = await lockMaintenance(tx, id);
    const refusal = how.refusal(m);
    if (refusal) throw AppError.conflict(refusal);
    const { promise, changes, found } = await how.prepare(tx, m, now);
    await tx
      .update(incidents)
      .set({ status: how.status, resolvedAt: now, eta: null, nextUpdateDueAt: null, updatedAt: now })
      .where(eq(incidents.id, id));
    const updateId = await writeUpdate(tx, ctx, now, {
      incidentId: id,
      seq: await nextSeq(tx, id),
      plan: plan(how.status, how.status, { resolvedAt: now }),
      input: { message: input.message ?? how.defaultMessage, ...pick(m, input) },
      componentChanges: changes,
      found,
      previousEta: m.eta,
      startedAt: m.startedAt,
      promise,
    });
    await recordAudit(tx, ctx, now, {
      action: how.status === "completed" ? "maintenance.complete" : "maintenance.cancel",
      targetType: "maintenance",
      targetId: id,
      details: { updateId, ...(how.status === "completed" ? { restored: changes } : {}), ...auditOf(input) },
    });
  });
  ctx.afterCommit?.();
  return getMaintenance({ ctx, id });
}

/**
 * The work is done: components go back to the status they had when it
 * started (or to what an incident still open gives them), and "completed" is
 * posted, saying how long it took and, when it overran, by how much.
 */
export function completeMaintenance({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: CloseRequest;
}): Promise<MaintenanceDetail> {
  return closeMaintenance(ctx, id, input, {
    status: "completed",
    defaultMessage: "The scheduled maintenance has been completed.",
    refusal: (m) =>
      m.status === "scheduled"
        ? `maintenance ${id} has not started (it starts at starts_at); cancel it instead`
        : working(m.status)
          ? null
          : `maintenance ${id} is already ${m.status}`,
    async prepare(tx, m, now) {
      const { changes, found } = await restoredStatuses(tx, id);
      const [missed] = await tx
        .select({ eta: etaRevisions.eta })
        .from(etaRevisions)
        .where(and(eq(etaRevisions.incidentId, id), eq(etaRevisions.outcome, "missed")))
        .orderBy(desc(etaRevisions.eta))
        .limit(1);
      const plannedEnd = missed?.eta ?? (m.scheduledUntil && m.scheduledUntil < now ? m.scheduledUntil : null);
      const promise = maintenanceText(
        {
          what: "completed",
          durationMs: now.getTime() - m.startedAt.getTime(),
          plannedEnd,
          overrunByMs: plannedEnd ? now.getTime() - plannedEnd.getTime() : null,
        },
        ctx.config.pageTimezone,
      );
      return { promise, changes, found };
    },
  });
}

/**
 * Each component the maintenance holds goes back to the status it had when
 * the work started, unless an incident still open gives it a worse one.
 */
async function restoredStatuses(tx: Queryable, id: string) {
  const held = await tx
    .select({ id: components.id, slug: components.slug, former: incidentComponents.formerStatus })
    .from(incidentComponents)
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    .where(and(eq(incidentComponents.incidentId, id), isNull(components.deletedAt)));
  const changes: Record<string, ComponentStatus> = {};
  const found: Found = new Map();
  if (!held.length) return { changes, found };
  const others = await openIncidentStatuses(
    tx,
    id,
    held.map((c) => c.id),
  );
  for (const c of held) {
    changes[c.slug] = worstStatus([(c.former ?? "operational") as ComponentStatus, ...(others.get(c.id) ?? [])]);
    found.set(c.slug, c);
  }
  return { changes, found };
}

/** Calls the work off before it starts, announced on every channel; components are untouched. */
export function cancelMaintenance({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: CloseRequest;
}): Promise<MaintenanceDetail> {
  return closeMaintenance(ctx, id, input, {
    status: "cancelled",
    defaultMessage: "This maintenance has been cancelled.",
    refusal: (m) =>
      working(m.status)
        ? `maintenance ${id} is under way; complete it instead (POST .../complete)`
        : m.status === "scheduled"
          ? null
          : `maintenance ${id} is already ${m.status}`,
    prepare: async (_tx, m) => ({
      promise: maintenanceText(
        { what: "cancelled", startsAt: m.scheduledFor as Date, endsAt: m.scheduledUntil as Date },
        ctx.config.pageTimezone,
      ),
      changes: {},
      found: new Map(),
    }),
  });
}

// The scheduler's part: reminders and starts. (Overruns are the engine's
// missed-ETA path: once started, the planned end is the maintenance's ETA.)

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
export async function runDueMaintenanceStep({
  ctx,
  id,
}: {
  ctx: ServiceContext;
  id: string;
}): Promise<"reminder" | "started" | null> {
  const now = ctx.clock();
  const auto = { ...ctx, actor: systemActor };
  const done = await withTransaction(auto, async (tx) => {
    const [m] = await tx.select().from(incidents).where(eq(incidents.id, id)).for("update", { skipLocked: true });
    if (m?.kind !== "maintenance" || m.status !== "scheduled" || m.resolvedAt) return null;
    const startsAt = m.scheduledFor as Date;
    const endsAt = m.scheduledUntil as Date;
    const tz = ctx.config.pageTimezone;
    if (startsAt.getTime() <= now.getTime()) {
      await startWork(tx, auto, m, now);
      return "started" as const;
    }
    const remindAt = m.remindedAt ? null : reminderAt(startsAt, m.remindBeforeMs);
    if (!remindAt || remindAt.getTime() > now.getTime()) return null;
    await tx.update(incidents).set({ remindedAt: now, updatedAt: now }).where(eq(incidents.id, id));
    await writeUpdate(tx, auto, now, {
      incidentId: id,
      seq: await nextSeq(tx, id),
      plan: plan("scheduled", "reminder"),
      input: {
        message: maintenanceText({ what: "reminder", startsAt, leadMs: startsAt.getTime() - now.getTime() }, tz),
        notify: m.notify ?? undefined,
      },
      componentChanges: {},
      found: new Map(),
      previousEta: null,
      startedAt: m.startedAt,
      lateBySeconds: Math.round((now.getTime() - remindAt.getTime()) / 1000),
      promise: maintenanceText({ what: "planned", startsAt, endsAt }, tz),
    });
    return "reminder" as const;
  });
  if (done) ctx.afterCommit?.();
  return done;
}

/** The start: components under maintenance (never hiding a worse outage), the end becomes the ETA. */
async function startWork(tx: Queryable, ctx: ServiceContext, m: Incident, now: Date): Promise<void> {
  const endsAt = m.scheduledUntil as Date;
  const held = await tx
    .select({ id: components.id, slug: components.slug, status: components.status })
    .from(incidentComponents)
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    .where(and(eq(incidentComponents.incidentId, m.id), isNull(components.deletedAt)));
  const changes: Record<string, ComponentStatus> = {};
  const found: Found = new Map();
  const incidentsGive = await openIncidentStatuses(
    tx,
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
  await writeUpdate(tx, ctx, now, {
    incidentId: m.id,
    seq: await nextSeq(tx, m.id),
    plan: plan("in_progress", "started", { eta: endsAt, etaChanged: true, nextUpdateDueAt: endsAt }),
    input: { message: maintenanceText({ what: "started", lateByMs }, tz), notify: m.notify ?? undefined },
    componentChanges: changes,
    found,
    previousEta: null,
    startedAt: now,
    lateBySeconds: Math.round(lateByMs / 1000),
    promise: maintenanceText({ what: "working", endsAt, previousEndsAt: null }, tz),
  });
}
