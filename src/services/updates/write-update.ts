import { eq } from "drizzle-orm";
import { incidentUpdates, type NotifyFlags } from "../../db/schema/index.ts";
import { enqueue } from "../../delivery/queue/enqueue.ts";
import type { ComponentStatus } from "../../domain/components.ts";
import type { UpdatePlan } from "../../domain/incidents.ts";
import { newId } from "../../lib/ids.ts";
import { queryable, type ServiceContext } from "../context.ts";
import { applyComponentChanges } from "./apply-component-changes.ts";
import { recordEtaRevision, settleCurrentRevision } from "./eta-ledger.ts";
import { publicText } from "./public-text.ts";
import type { Found } from "./resolve-components.ts";
import { settlePreviousPromise } from "./settle-previous-promise.ts";

export type WriteUpdateInput = {
  incidentId: string;
  seq: number;
  plan: UpdatePlan;
  message: string;
  notify?: Partial<NotifyFlags>;
  /** Engineers' own wording for X (the link is added). */
  tweet?: string;
  startedAt: Date;
  /** For automatic updates: how late after its promised time it went out. */
  lateBySeconds?: number;
  /** Statuses this update gives components, including restorations on resolve. */
  componentChanges: Record<string, ComponentStatus>;
  found: Found;
  previousEta: Date | null;
  /** The promise line, when the caller words it (scheduled maintenance); otherwise worded here. */
  promise?: string;
  /** The verb's one reading of the clock, so the update and its incident row agree. */
  now: Date;
};

/**
 * Writes one public update and everything that must commit with it: component
 * changes, the settled previous promise, the ETA ledger, and one outbox row
 * per channel that will carry it. Manual and automatic updates both come here.
 * Call it with the transaction's context (from `withTransaction`).
 *
 * @example
 * await withTransaction(ctx, (_tx, txCtx) =>
 *   writeUpdate(txCtx, { incidentId, seq: 1, plan, message, componentChanges: {}, found: new Map(),
 *     previousEta: null, startedAt: now, now }));
 */
export async function writeUpdate(ctx: ServiceContext, input: WriteUpdateInput): Promise<string> {
  const tx = queryable(ctx);
  const { incidentId, seq, plan, now } = input;
  await applyComponentChanges(ctx, { incidentId, changes: input.componentChanges, found: input.found, now });
  const updateId = newId("upd");
  const notify = { twitter: true, email: true, webhook: true, chat: true, ...input.notify };
  await tx.insert(incidentUpdates).values({
    id: updateId,
    incidentId,
    seq,
    status: plan.status,
    impact: plan.impact,
    body: input.message,
    eta: plan.resolvedAt ? null : plan.eta,
    nextUpdateDueAt: plan.nextUpdateDueAt,
    author: ctx.actor.name,
    kind: plan.kind,
    componentChanges: input.componentChanges,
    notify,
    lateBySeconds: input.lateBySeconds ?? null,
    tweet: input.tweet ?? null,
    createdAt: now,
  });
  await settlePreviousPromise(ctx, { incidentId, seq, now, plan });
  if (plan.etaChanged || plan.resolvedAt) await settleCurrentRevision(ctx, incidentId, now, plan);
  if (plan.etaChanged) {
    await recordEtaRevision(ctx, { incidentId, updateId, previousEta: input.previousEta, eta: plan.eta, now });
  }
  const { message, promise } =
    input.promise === undefined ? await publicText(ctx, input) : { message: input.message, promise: input.promise };
  const text = promise ? `${message} ${promise}` : message;
  // Kept with the update, so the v2 JSON and the feeds tell the same promise the channels did.
  if (promise) await tx.update(incidentUpdates).set({ promise }).where(eq(incidentUpdates.id, updateId));
  const channels = (ctx.channels ?? []).filter((c) => !c.jobsOnly && (!c.notifyFlag || notify[c.notifyFlag]));
  const payload = { text, message, promise };
  const jobs = channels.map((c) => ({ key: `${updateId}:${c.name}`, channel: c.name, updateId, payload, runAt: now }));
  // Even with no channel, the NOTIFY wakes other processes to re-arm their
  // schedulers for the promise this update made.
  await enqueue(tx, jobs, now, incidentId);
  return updateId;
}
