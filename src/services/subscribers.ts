import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db, Queryable } from "../db/client.ts";
import { deliveries, incidentComponents, incidentUpdates, outbox, subscribers } from "../db/schema/index.ts";
import { AppError } from "../errors.ts";
import { newId } from "../lib/ids.ts";
import { signToken, type TokenPurpose, verifyToken } from "../lib/tokens.ts";
import { findLiveComponents } from "./components.ts";
import type { ServiceContext } from "./context.ts";
import { signingKey } from "./signing-key.ts";

export type Subscriber = typeof subscribers.$inferSelect;
export type SubscriberType = "email" | "webhook";

/** How long a confirmation link works. */
export const confirmTokenTtlMs = 48 * 3_600_000;
/** How long an unsubscribe link in an email works: long, since old emails get opened. */
export const unsubscribeTokenTtlMs = 365 * 24 * 3_600_000;
/** At most one confirmation email per address in this window, however often the form is sent. */
export const confirmResendMs = 10 * 60_000;
/** Hard failures (SMTP 5xx) after which an address is suppressed. */
export const emailHardFailureLimit = 3;
/** Failures within webhookFailureWindowMs after which a webhook is quarantined, as Statuspage does. */
export const webhookFailureLimit = 10;
export const webhookFailureWindowMs = 3_600_000;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Resolves component slugs to ids; 400 naming the unknown ones. */
export async function componentIdsFor(tx: Queryable, slugs: string[] | undefined, field = "components") {
  if (!slugs?.length) return [];
  const found = await findLiveComponents(tx, [...new Set(slugs)]);
  const unknown = slugs.filter((s) => !found.has(s));
  if (unknown.length) {
    throw AppError.invalid(unknown.map((s) => ({ field: `${field}`, message: `no component has slug "${s}"` })));
  }
  return [...found.values()].map((c) => c.id);
}

/** Queues the confirmation email for a pending subscriber (an outbox job of the email channel). */
async function queueConfirmation(tx: Queryable, subscriberId: string, now: Date) {
  await tx.insert(outbox).values({
    key: `confirm:${subscriberId}:${now.getTime()}`,
    channel: "email",
    topic: "email.confirm",
    updateId: null,
    payload: { subscriberId },
    runAt: now,
    createdAt: now,
  });
  await tx.execute(sql`select pg_notify('candor_outbox', ${subscriberId})`);
}

/**
 * Someone asked to get emails. The answer is the same whatever the address's
 * state, so the form cannot tell anyone who subscribes: a new or unconfirmed
 * address is sent a confirmation (at most one per address every ten
 * minutes), an active one is left as it is (its components can only be
 * changed by its owner), one that left may come back through confirmation.
 */
export async function requestSubscription({
  ctx,
  email,
  components,
}: {
  ctx: ServiceContext;
  email: string;
  components?: string[];
}): Promise<void> {
  const now = ctx.clock();
  const address = normalizeEmail(email);
  const queued = await ctx.db.transaction(async (tx) => {
    const componentIds = await componentIdsFor(tx, components);
    const [existing] = await tx
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.type, "email"), eq(subscribers.email, address)))
      .for("update");
    if (!existing) {
      const id = newId("sub");
      const inserted = await tx
        .insert(subscribers)
        .values({
          id,
          type: "email",
          email: address,
          state: "pending",
          componentIds,
          confirmRequestedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: subscribers.id });
      if (!inserted.length) return false; // another request for the same address won the race
      await queueConfirmation(tx, id, now);
      return true;
    }
    if (existing.state === "active" || existing.state === "suppressed") return false;
    const recent =
      existing.confirmRequestedAt && now.getTime() - existing.confirmRequestedAt.getTime() < confirmResendMs;
    if (existing.state === "pending" && recent) return false;
    await tx
      .update(subscribers)
      .set({ state: "pending", componentIds, confirmRequestedAt: now, unsubscribedAt: null, updatedAt: now })
      .where(eq(subscribers.id, existing.id));
    await queueConfirmation(tx, existing.id, now);
    return true;
  });
  if (queued) ctx.afterCommit?.();
}

/** A signed link for `subscriber` (confirm or unsubscribe) under PUBLIC_URL. */
export async function subscriberLink(
  db: Db,
  publicUrl: string,
  subscriberId: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<string> {
  const ttl = purpose === "confirm" ? confirmTokenTtlMs : unsubscribeTokenTtlMs;
  const token = await signToken(await signingKey(db), {
    sub: subscriberId,
    purpose,
    exp: Math.floor((now.getTime() + ttl) / 1000),
  });
  const path = purpose === "confirm" ? "subscribe/confirm" : "unsubscribe";
  return `${publicUrl}/${path}/${token}`;
}

export type TokenOutcome = "done" | "already" | "expired" | "invalid";

async function subscriberFromToken(
  ctx: ServiceContext,
  token: string,
  purpose: TokenPurpose,
): Promise<{ subscriber: Subscriber } | { outcome: "expired" | "invalid" }> {
  const checked = await verifyToken(await signingKey(ctx.db), token, purpose, ctx.clock());
  if (!checked.ok) return { outcome: checked.reason };
  const [subscriber] = await ctx.db.select().from(subscribers).where(eq(subscribers.id, checked.payload.sub));
  if (!subscriber) return { outcome: "invalid" };
  return { subscriber };
}

/** The link in the confirmation email: pending becomes active. */
export async function confirmSubscription(ctx: ServiceContext, token: string): Promise<TokenOutcome> {
  const found = await subscriberFromToken(ctx, token, "confirm");
  if (!("subscriber" in found)) return found.outcome;
  const now = ctx.clock();
  const confirmed = await ctx.db
    .update(subscribers)
    .set({ state: "active", confirmedAt: now, updatedAt: now })
    .where(and(eq(subscribers.id, found.subscriber.id), eq(subscribers.state, "pending")))
    .returning({ id: subscribers.id });
  return confirmed.length ? "done" : found.subscriber.state === "active" ? "already" : "invalid";
}

/** The unsubscribe link (and RFC 8058 one-click POST): no more emails. */
export async function unsubscribe(ctx: ServiceContext, token: string): Promise<TokenOutcome> {
  const found = await subscriberFromToken(ctx, token, "unsubscribe");
  if (!("subscriber" in found)) return found.outcome;
  if (found.subscriber.state === "unsubscribed") return "already";
  const now = ctx.clock();
  await ctx.db
    .update(subscribers)
    .set({ state: "unsubscribed", unsubscribedAt: now, updatedAt: now })
    .where(eq(subscribers.id, found.subscriber.id));
  return "done";
}

export type Recipient = Pick<Subscriber, "id" | "email" | "url" | "secret" | "failures">;

/**
 * The next `limit` subscribers of `type` (after `afterId`, in id order) who
 * should get this update and have not yet: active, confirmed before the
 * update was written, and either following every component or one the
 * incident touches (an incident that touches none goes to everyone). Reading
 * in keyset batches keeps memory flat whatever the size of the list.
 */
export async function pendingRecipients(
  db: Db,
  update: { id: string; incidentId: string; createdAt: Date },
  channel: string,
  type: SubscriberType,
  afterId: string | null,
  limit: number,
): Promise<Recipient[]> {
  const touched = await db
    .select({ id: incidentComponents.componentId })
    .from(incidentComponents)
    .where(eq(incidentComponents.incidentId, update.incidentId));
  const ids = touched.map((r) => r.id);
  const matchesComponents = ids.length
    ? sql`(cardinality(${subscribers.componentIds}) = 0 or ${subscribers.componentIds} && array[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::text[])`
    : undefined;
  return db
    .select({
      id: subscribers.id,
      email: subscribers.email,
      url: subscribers.url,
      secret: subscribers.secret,
      failures: subscribers.failures,
    })
    .from(subscribers)
    .where(
      and(
        eq(subscribers.type, type),
        eq(subscribers.state, "active"),
        sql`${subscribers.confirmedAt} <= ${update.createdAt.toISOString()}::timestamptz`,
        afterId ? gt(subscribers.id, afterId) : undefined,
        matchesComponents,
        sql`not exists (select 1 from ${deliveries} where ${deliveries.updateId} = ${update.id}
          and ${deliveries.channel} = ${channel} and ${deliveries.recipient} = ${subscribers.id})`,
      ),
    )
    .orderBy(asc(subscribers.id))
    .limit(limit);
}

/**
 * Counts a hard failure for one recipient: an email address is suppressed
 * after 3 in a row, a webhook quarantined after 10 within an hour. Returns
 * the subscriber's state afterwards.
 */
export async function recordRecipientFailure(
  db: Db,
  subscriberId: string,
  message: string,
  now: Date,
): Promise<string> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const windowStart = sql`${new Date(now.getTime() - webhookFailureWindowMs).toISOString()}::timestamptz`;
  // Emails count hard failures in a row; webhooks count failures within the
  // last hour, starting again when the run began longer ago than that.
  const restart = sql`(${subscribers.type} = 'webhook' and (${subscribers.firstFailureAt} is null or ${subscribers.firstFailureAt} < ${windowStart}))`;
  const [row] = await db
    .update(subscribers)
    .set({
      failures: sql`case when ${restart} then 1 else ${subscribers.failures} + 1 end`,
      firstFailureAt: sql`case when ${restart} then ${at} else coalesce(${subscribers.firstFailureAt}, ${at}) end`,
      lastError: message.slice(0, 1000),
      updatedAt: now,
    })
    .where(eq(subscribers.id, subscriberId))
    .returning();
  if (!row) return "gone";
  const suppress = row.type === "email" && row.failures >= emailHardFailureLimit;
  const quarantine = row.type === "webhook" && row.failures >= webhookFailureLimit;
  if (suppress || quarantine) {
    await db
      .update(subscribers)
      .set({ state: suppress ? "suppressed" : "quarantined", quarantinedAt: quarantine ? now : null, updatedAt: now })
      .where(and(eq(subscribers.id, subscriberId), eq(subscribers.state, "active")));
    return suppress ? "suppressed" : "quarantined";
  }
  return row.state;
}

/** A delivery went through: the recipient's run of failures is over. */
export async function recordRecipientSuccess(db: Db, subscriberId: string, now: Date): Promise<void> {
  await db
    .update(subscribers)
    .set({ failures: 0, firstFailureAt: null, lastError: null, updatedAt: now })
    .where(and(eq(subscribers.id, subscriberId), gt(subscribers.failures, 0)));
}

export async function findSubscriber(db: Db, id: string): Promise<Subscriber | null> {
  const [row] = await db.select().from(subscribers).where(eq(subscribers.id, id));
  return row ?? null;
}

/** The update an email or webhook is about, with its incident and the components it touched. */
export async function updateFacts(db: Db, updateId: string) {
  const [row] = await db.select().from(incidentUpdates).where(eq(incidentUpdates.id, updateId));
  return row ?? null;
}
