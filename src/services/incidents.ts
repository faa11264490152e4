import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, max, ne, or, sql } from "drizzle-orm";
import type { Queryable } from "../db/client.ts";
import type {
  AffectedComponent,
  Incident,
  IncidentDetail,
  IncidentSummary,
  IncidentUpdate,
  PromiseRecord,
} from "../db/models.ts";
import {
  components,
  etaRevisions,
  incidentComponents,
  incidents,
  incidentUpdates,
  type NotifyFlags,
} from "../db/schema/index.ts";
import { enqueue } from "../delivery/queue/enqueue.ts";
import { type ComponentStatus, type Impact, worstStatus } from "../domain/components.ts";
import {
  type CurrentIncident,
  type IncidentStatus,
  planUpdate,
  settleEta,
  type UpdatePlan,
} from "../domain/incidents.ts";
import { settleNextUpdatePromise } from "../domain/promises.ts";
import { AppError } from "../errors.ts";
import { decodeCursor, encodeCursor } from "../lib/cursor.ts";
import { newId } from "../lib/ids.ts";
import { promiseText } from "../render/text.ts";
import { customTweetLimit, tweetLength } from "../render/tweet.ts";
import { findLiveComponents } from "./components/index.ts";
import { recordAudit, type ServiceContext, withTransaction } from "./context.ts";
import { promiseRecords } from "./promises.ts";

export type {
  AffectedComponent,
  EtaRevision,
  Incident,
  IncidentDetail,
  IncidentSummary,
  IncidentUpdate,
} from "../db/models.ts";

export type UpdateRequest = {
  message: string;
  status?: IncidentStatus;
  impact?: Impact;
  eta?: Date | null;
  nextUpdateInMs?: number;
  nextUpdateAt?: Date;
  components?: Record<string, ComponentStatus>;
  notify?: Partial<NotifyFlags>;
  /** Engineers' own wording for X (the link is added); validated against the limit by the API. */
  tweet?: string;
};
export type DeclareRequest = UpdateRequest & { title: string };

/** Refuses engineers' own X text that would not fit beside the incident link. */
function checkTweet(ctx: ServiceContext, tweet: string | undefined): void {
  if (tweet === undefined) return;
  const limit = customTweetLimit(ctx.config.publicUrl);
  const length = tweetLength(tweet);
  if (length > limit) {
    throw AppError.invalid([
      {
        field: "tweet",
        message: `is ${length} weighted characters; X allows ${limit} once the link to the incident is added (URLs count 23, CJK and emoji 2)`,
      },
    ]);
  }
}

/** Opens an incident with its first public update, in one transaction. */
export async function declareIncident({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: DeclareRequest;
}): Promise<IncidentDetail> {
  checkTweet(ctx, input.tweet);
  const now = ctx.clock();
  const id = await withTransaction(ctx, async (tx) => {
    const found = await resolveComponents(tx, input.components);
    const plan = planUpdate(null, toPlanInput(input), now, ctx.config.defaultUpdateIntervalMs);
    const incidentId = newId("inc");
    await tx.insert(incidents).values({
      id: incidentId,
      title: input.title,
      status: plan.status,
      impact: plan.impact,
      startedAt: now,
      resolvedAt: null,
      eta: plan.eta,
      nextUpdateDueAt: plan.nextUpdateDueAt,
      updateIntervalMs: intervalOf(plan, now, ctx.config.defaultUpdateIntervalMs),
      createdBy: ctx.actor.name,
      updatedAt: now,
    });
    await writeUpdate(tx, ctx, now, {
      incidentId,
      seq: 1,
      plan,
      input,
      componentChanges: { ...input.components },
      found,
      previousEta: null,
      startedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: "incident.declare",
      targetType: "incident",
      targetId: incidentId,
      details: auditDetails(input),
    });
    return incidentId;
  });
  ctx.afterCommit?.();
  return getIncident({ ctx, id });
}

/** The cadence an update sets: the gap to the next update it promised. */
function intervalOf(plan: UpdatePlan, now: Date, fallbackMs: number): number {
  return plan.nextUpdateDueAt ? plan.nextUpdateDueAt.getTime() - now.getTime() : fallbackMs;
}

/** Adds an engineer's update; status "resolved" closes the incident. */
export async function postIncidentUpdate({
  ctx,
  incidentId,
  input,
}: {
  ctx: ServiceContext;
  incidentId: string;
  input: UpdateRequest;
}): Promise<{ incident: IncidentDetail; update: IncidentUpdate }> {
  checkTweet(ctx, input.tweet);
  const now = ctx.clock();
  const updateId = await withTransaction(ctx, async (tx) => {
    // Lock the incident so concurrent updates get consecutive sequence numbers.
    const [current] = await tx.select().from(incidents).where(eq(incidents.id, incidentId)).for("update");
    if (!current) throw AppError.notFound("incident", incidentId);
    if (current.kind === "maintenance") {
      throw AppError.conflict(`${incidentId} is a scheduled maintenance; post to /api/v1/maintenances/${incidentId}`);
    }
    if (current.resolvedAt)
      throw AppError.conflict(`incident ${incidentId} is resolved; declare a new incident instead`);
    const found = await resolveComponents(tx, input.components);
    const plan = planUpdate(current as CurrentIncident, toPlanInput(input), now, ctx.config.defaultUpdateIntervalMs);
    const componentChanges = { ...input.components };
    if (plan.resolvedAt) await restoreComponents(tx, incidentId, found, componentChanges);
    await tx
      .update(incidents)
      .set({
        status: plan.status,
        impact: plan.impact,
        eta: plan.resolvedAt ? null : plan.eta,
        nextUpdateDueAt: plan.nextUpdateDueAt,
        updateIntervalMs: plan.resolvedAt ? current.updateIntervalMs : intervalOf(plan, now, current.updateIntervalMs),
        resolvedAt: plan.resolvedAt,
        updatedAt: now,
      })
      .where(eq(incidents.id, incidentId));
    const id = await writeUpdate(tx, ctx, now, {
      incidentId,
      seq: await nextSeq(tx, incidentId),
      plan,
      input,
      componentChanges,
      found,
      previousEta: current.eta,
      startedAt: current.startedAt,
    });
    await recordAudit(tx, ctx, now, {
      action: plan.resolvedAt ? "incident.resolve" : "incident.update",
      targetType: "incident",
      targetId: incidentId,
      details: { updateId: id, ...auditDetails(input) },
    });
    return id;
  });
  ctx.afterCommit?.();
  const incident = await getIncident({ ctx, id: incidentId });
  const update = incident.updates.find((u) => u.id === updateId) as IncidentUpdate;
  return { incident, update };
}

function toPlanInput(input: UpdateRequest) {
  return {
    status: input.status,
    impact: input.impact,
    eta: input.eta,
    nextUpdateInMs: input.nextUpdateInMs,
    nextUpdateAt: input.nextUpdateAt,
    componentStatuses: Object.values(input.components ?? {}),
  };
}

function auditDetails(input: UpdateRequest): Record<string, unknown> {
  const { message: _message, ...rest } = input;
  return JSON.parse(JSON.stringify(rest));
}

export type Found = Map<string, { id: string; slug: string }>;

async function resolveComponents(
  tx: Queryable,
  requested: Record<string, ComponentStatus> | undefined,
): Promise<Found> {
  const slugs = Object.keys(requested ?? {});
  const found = await findLiveComponents(tx, slugs);
  const unknown = slugs.filter((s) => !found.has(s));
  if (unknown.length) {
    throw AppError.invalid(unknown.map((s) => ({ field: `components.${s}`, message: `no component has slug "${s}"` })));
  }
  return found;
}

/**
 * On resolution, each component this incident touched and the request does
 * not set goes back to the worst status another open incident still gives it,
 * or to operational when none does.
 */
async function restoreComponents(
  tx: Queryable,
  incidentId: string,
  found: Found,
  requested: Record<string, ComponentStatus>,
): Promise<void> {
  const affected = await tx
    .select({ id: components.id, slug: components.slug })
    .from(incidentComponents)
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    .where(and(eq(incidentComponents.incidentId, incidentId), isNull(components.deletedAt)));
  const toRestore = affected.filter((c) => !(c.slug in requested));
  if (!toRestore.length) return;
  const others = await openIncidentStatuses(
    tx,
    incidentId,
    toRestore.map((c) => c.id),
  );
  for (const c of toRestore) {
    requested[c.slug] = worstStatus(others.get(c.id) ?? []);
    found.set(c.slug, c);
  }
}

/** The next sequence number of an incident's updates (call with the incident's row locked). */
export async function nextSeq(tx: Queryable, incidentId: string): Promise<number> {
  const [{ lastSeq }] = await tx
    .select({ lastSeq: max(incidentUpdates.seq) })
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, incidentId));
  return (lastSeq ?? 0) + 1;
}

/** What every other open incident or maintenance gives each of `componentIds`. */
export async function openIncidentStatuses(
  tx: Queryable,
  exceptId: string,
  componentIds: string[],
): Promise<Map<string, ComponentStatus[]>> {
  const byComponent = new Map<string, ComponentStatus[]>();
  if (!componentIds.length) return byComponent;
  const rows = await tx
    .select({ componentId: incidentComponents.componentId, status: incidentComponents.status })
    .from(incidentComponents)
    .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
    .where(
      and(
        inArray(incidentComponents.componentId, componentIds),
        ne(incidentComponents.incidentId, exceptId),
        isNull(incidents.resolvedAt),
        // A maintenance still only scheduled gives nothing yet.
        ne(incidentComponents.status, "operational"),
      ),
    );
  for (const r of rows) {
    byComponent.set(r.componentId, [...(byComponent.get(r.componentId) ?? []), r.status as ComponentStatus]);
  }
  return byComponent;
}

/**
 * Writes one public update and everything that must commit with it: component
 * changes, the settled previous promise, the ETA ledger, and one outbox row
 * per channel that will carry it. Manual and automatic updates both come here.
 */
export async function writeUpdate(
  tx: Queryable,
  ctx: ServiceContext,
  now: Date,
  args: {
    incidentId: string;
    seq: number;
    plan: UpdatePlan;
    input: Pick<UpdateRequest, "message" | "notify" | "tweet">;
    startedAt: Date;
    /** For automatic updates: how late after its promised time it went out. */
    lateBySeconds?: number;
    /** Statuses this update gives components, including restorations on resolve. */
    componentChanges: Record<string, ComponentStatus>;
    found: Found;
    previousEta: Date | null;
    /** The promise line, when the caller words it (scheduled maintenance); otherwise worded here. */
    promise?: string;
  },
): Promise<string> {
  const { incidentId, plan, input, found, componentChanges } = args;
  for (const [slug, status] of Object.entries(componentChanges)) {
    const componentId = (found.get(slug) as { id: string }).id;
    await tx.update(components).set({ status, updatedAt: now }).where(eq(components.id, componentId));
    await tx
      .insert(incidentComponents)
      .values({ incidentId, componentId, status })
      .onConflictDoUpdate({ target: [incidentComponents.incidentId, incidentComponents.componentId], set: { status } });
  }
  const updateId = newId("upd");
  const notify = { twitter: true, email: true, webhook: true, ...input.notify };
  await tx.insert(incidentUpdates).values({
    id: updateId,
    incidentId,
    seq: args.seq,
    status: plan.status,
    impact: plan.impact,
    body: input.message,
    eta: plan.resolvedAt ? null : plan.eta,
    nextUpdateDueAt: plan.nextUpdateDueAt,
    author: ctx.actor.name,
    kind: plan.kind,
    componentChanges,
    notify,
    lateBySeconds: args.lateBySeconds ?? null,
    tweet: input.tweet ?? null,
    createdAt: now,
  });
  await settlePreviousPromise(tx, incidentId, args.seq, now, plan);
  if (plan.etaChanged || plan.resolvedAt) await settleCurrentRevision(tx, incidentId, now, plan);
  if (plan.etaChanged) {
    await tx.insert(etaRevisions).values({
      id: newId("eta"),
      incidentId,
      updateId,
      previousEta: args.previousEta,
      eta: plan.eta,
      promisedAt: now,
    });
  }
  const { message, promise } =
    args.promise === undefined
      ? await publicText(tx, ctx, now, args)
      : { message: input.message, promise: args.promise };
  const text = promise ? `${message} ${promise}` : message;
  // Kept with the update, so the v2 JSON and the feeds tell the same promise the channels did.
  if (promise) await tx.update(incidentUpdates).set({ promise }).where(eq(incidentUpdates.id, updateId));
  const channels = (ctx.channels ?? []).filter((c) => !c.notifyFlag || notify[c.notifyFlag]);
  const payload = { text, message, promise };
  const jobs = channels.map((c) => ({ key: `${updateId}:${c.name}`, channel: c.name, updateId, payload, runAt: now }));
  // Even with no channel, the NOTIFY wakes other processes to re-arm their
  // schedulers for the promise this update made.
  await enqueue(tx, jobs, now, incidentId);
  return updateId;
}

/**
 * The words customers get: the update's message, then its promise. Automatic
 * updates are worded whole by the honesty templates, promise included, so
 * their promise part is empty.
 */
async function publicText(
  tx: Queryable,
  ctx: ServiceContext,
  now: Date,
  args: { incidentId: string; plan: UpdatePlan; input: { message: string }; startedAt: Date; previousEta: Date | null },
): Promise<{ message: string; promise: string }> {
  const { plan } = args;
  const message = args.input.message;
  if (plan.kind === "holding" || plan.kind === "eta_missed") return { message, promise: "" };
  const tz = ctx.config.pageTimezone;
  if (plan.resolvedAt) {
    const [missed] = await tx
      .select({ eta: etaRevisions.eta })
      .from(etaRevisions)
      .where(and(eq(etaRevisions.incidentId, args.incidentId), eq(etaRevisions.outcome, "missed")))
      .orderBy(desc(etaRevisions.eta))
      .limit(1);
    const missedEta = missed?.eta ?? null;
    const facts = {
      resolved: true as const,
      durationMs: now.getTime() - args.startedAt.getTime(),
      missedEta,
      missedByMs: missedEta ? now.getTime() - missedEta.getTime() : null,
    };
    return { message, promise: promiseText(facts, tz) };
  }
  const facts = {
    resolved: false as const,
    eta: plan.eta,
    previousEta: args.previousEta,
    etaChanged: plan.etaChanged,
    nextUpdateDueAt: plan.nextUpdateDueAt as Date,
  };
  return { message, promise: promiseText(facts, tz) };
}

/** Judges the next-update promise the previous update made, now that this one is out. */
async function settlePreviousPromise(tx: Queryable, incidentId: string, seq: number, now: Date, plan: UpdatePlan) {
  if (seq <= 1) return;
  const [previous] = await tx
    .select({ id: incidentUpdates.id, due: incidentUpdates.nextUpdateDueAt, outcome: incidentUpdates.promiseOutcome })
    .from(incidentUpdates)
    .where(and(eq(incidentUpdates.incidentId, incidentId), eq(incidentUpdates.seq, seq - 1)));
  if (!previous?.due || previous.outcome) return;
  await tx
    .update(incidentUpdates)
    .set({ promiseOutcome: settleNextUpdatePromise(previous.due, now, plan.kind) })
    .where(eq(incidentUpdates.id, previous.id));
}

async function settleCurrentRevision(tx: Queryable, incidentId: string, now: Date, plan: UpdatePlan): Promise<void> {
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

/** One incident with its components, updates (newest first) and ETA ledger. */
export async function getIncident({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<IncidentDetail> {
  const [incident] = await ctx.db.select().from(incidents).where(eq(incidents.id, id));
  if (!incident) throw AppError.notFound("incident", id);
  const [affected, updates, revisions, promises] = await Promise.all([
    affectedComponents(ctx, [id]),
    ctx.db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, id)).orderBy(desc(incidentUpdates.seq)),
    ctx.db.select().from(etaRevisions).where(eq(etaRevisions.incidentId, id)).orderBy(asc(etaRevisions.promisedAt)),
    promiseRecords(ctx.db, [id]),
  ]);
  return {
    ...incident,
    components: affected.get(id) ?? [],
    updates,
    etaRevisions: revisions,
    promises: promises.get(id) as PromiseRecord,
  };
}

/** The components each incident touches, by incident id, in page order. */
export async function affectedComponents(
  ctx: ServiceContext,
  ids: string[],
): Promise<Map<string, AffectedComponent[]>> {
  const rows = await ctx.db
    .select({
      incidentId: incidentComponents.incidentId,
      id: components.id,
      slug: components.slug,
      name: components.name,
      status: incidentComponents.status,
    })
    .from(incidentComponents)
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    .where(inArray(incidentComponents.incidentId, ids))
    .orderBy(asc(components.position), asc(components.name));
  const byIncident = new Map<string, AffectedComponent[]>();
  for (const { incidentId, ...c } of rows) byIncident.set(incidentId, [...(byIncident.get(incidentId) ?? []), c]);
  return byIncident;
}

export type IncidentPage = { incidents: IncidentSummary[]; nextCursor: string | null };

/** Incidents newest first, keyset-paginated so pages stay stable while incidents are added. */
export async function listIncidents({
  ctx,
  state,
  limit,
  cursor,
}: {
  ctx: ServiceContext;
  state?: "open" | "resolved";
  limit: number;
  cursor?: string;
}): Promise<IncidentPage> {
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await ctx.db
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.kind, "incident"),
        state === "open"
          ? isNull(incidents.resolvedAt)
          : state === "resolved"
            ? isNotNull(incidents.resolvedAt)
            : undefined,
        after
          ? or(lt(incidents.startedAt, after.at), and(eq(incidents.startedAt, after.at), lt(incidents.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(incidents.startedAt), desc(incidents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    incidents: await listIncidentSummaries(ctx, page),
    nextCursor: rows.length > limit && last ? encodeCursor(last.startedAt, last.id) : null,
  };
}

/** Incident rows with their components and latest update, in the order given. */
export async function listIncidentSummaries(ctx: ServiceContext, page: Incident[]): Promise<IncidentSummary[]> {
  const ids = page.map((r) => r.id);
  const [affected, latest] = ids.length
    ? await Promise.all([
        affectedComponents(ctx, ids),
        ctx.db
          .selectDistinctOn([incidentUpdates.incidentId])
          .from(incidentUpdates)
          .where(inArray(incidentUpdates.incidentId, ids))
          .orderBy(incidentUpdates.incidentId, desc(incidentUpdates.seq)),
      ])
    : [new Map<string, AffectedComponent[]>(), []];
  const latestById = new Map(latest.map((u) => [u.incidentId, u]));
  return page.map((r) => ({
    ...r,
    components: affected.get(r.id) ?? [],
    latestUpdate: latestById.get(r.id) ?? null,
  }));
}
