import { and, asc, desc, eq, gt, inArray, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Queryable } from "../db/client.ts";
import { components, deliveries, incidentComponents, subscribers } from "../db/schema/index.ts";
import { enqueue } from "../delivery/queue/enqueue.ts";
import { AppError, type FieldProblem } from "../errors.ts";
import { decodeCursor, encodeCursor } from "../lib/cursor.ts";
import { newId } from "../lib/ids.ts";
import { signToken, type TokenPurpose, verifyToken } from "../lib/tokens.ts";
import { findLiveComponents } from "./components/index.ts";
import { recordAudit, type ServiceContext, withTransaction } from "./context.ts";
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
  const job = { key: `confirm:${subscriberId}:${now.getTime()}`, channel: "email", topic: "email.confirm" };
  await enqueue(tx, [{ ...job, payload: { subscriberId }, runAt: now }], now, subscriberId);
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

export type Recipient = Pick<Subscriber, "id" | "email" | "url" | "secret" | "failures" | "componentIds">;

/**
 * The next `limit` subscribers of `type` (after `afterId`, in id order) who
 * should get this update and have not yet: active, confirmed before the
 * update was written, and either following every component or one the
 * incident touches (an incident that touches none goes to everyone). Reading
 * in keyset batches keeps memory flat whatever the size of the list.
 *
 * Who already has it is a second, separate lookup of the batch's ids, not a
 * NOT EXISTS in the same query: while a fan-out is writing deliveries their
 * statistics are stale, and the planner then took the update's deliveries
 * as one row and compared every candidate with every delivery (a second per
 * batch at 15,000 delivered, growing with the list). Two index lookups cost
 * the same at any size.
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
  let after = afterId;
  for (;;) {
    const candidates = await db
      .select({
        id: subscribers.id,
        email: subscribers.email,
        url: subscribers.url,
        secret: subscribers.secret,
        failures: subscribers.failures,
        componentIds: subscribers.componentIds,
      })
      .from(subscribers)
      .where(
        and(
          eq(subscribers.type, type),
          eq(subscribers.state, "active"),
          sql`${subscribers.confirmedAt} <= ${update.createdAt.toISOString()}::timestamptz`,
          after ? gt(subscribers.id, after) : undefined,
          matchesComponents,
        ),
      )
      .orderBy(asc(subscribers.id))
      .limit(limit);
    if (!candidates.length) return [];
    const reached = await db
      .select({ recipient: deliveries.recipient })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.updateId, update.id),
          eq(deliveries.channel, channel),
          inArray(
            deliveries.recipient,
            candidates.map((c) => c.id),
          ),
        ),
      );
    if (!reached.length) return candidates;
    const done = new Set(reached.map((r) => r.recipient));
    const left = candidates.filter((c) => !done.has(c.id));
    // A whole batch already reached (a fan-out resumed after a crash): read on.
    if (left.length || candidates.length < limit) return left;
    after = candidates[candidates.length - 1].id;
  }
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

// ---------------------------------------------------------------------------
// Admin API: list, add (pre-confirmed), delete, CSV import and export.
// ---------------------------------------------------------------------------

export const subscriberTypes = ["email", "webhook"] as const;
export const subscriberStates = ["pending", "active", "unsubscribed", "suppressed", "quarantined"] as const;
export type SubscriberState = (typeof subscriberStates)[number];

/** A subscriber as the admin API shows it: the slugs of the components it follows instead of their ids. */
export type SubscriberView = Subscriber & { components: string[] };

export const maxEmailLength = 254;
export const maxWebhookUrlLength = 2000;
/** Rows read or written per statement by import and export, so memory stays flat. */
const batchSize = 1000;
/** At most this many problems are listed in one 400 for a CSV import. */
const maxImportProblems = 20;

const emailFormat = z.email();
/** What an id or a component slug can look like; anything else (a NUL, say) never reaches the database. */
const idPattern = /^[\w-]{1,64}$/;
const slugPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Why `address` (already normalized) is not an email address we accept, or null. */
export function emailProblem(address: string): string | null {
  if (!address) return "is required";
  if (address.length > maxEmailLength) return `must be at most ${maxEmailLength} characters`;
  return emailFormat.safeParse(address).success ? null : "must be an email address";
}

/** The URL to store for a webhook (http or https only, at most 2000 characters), or a 400 naming `field`. */
export function webhookUrl(url: string, field = "url"): string {
  const problem = (message: string) => AppError.invalid([{ field, message }]);
  if (url.length > maxWebhookUrlLength) throw problem(`must be at most ${maxWebhookUrlLength} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw problem("must be an absolute http or https URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw problem("must be an http or https URL");
  if (!parsed.hostname) throw problem("must name a host");
  if (parsed.href.length > maxWebhookUrlLength) throw problem(`must be at most ${maxWebhookUrlLength} characters`);
  return parsed.href;
}

/** A webhook signing secret: 32 random bytes as hex. */
function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Adds the slugs of the components each subscriber follows (deleted components too: that is what is stored). */
async function withComponentSlugs(db: Queryable, rows: Subscriber[]): Promise<SubscriberView[]> {
  const ids = [...new Set(rows.flatMap((r) => r.componentIds))];
  const found = ids.length
    ? await db.select({ id: components.id, slug: components.slug }).from(components).where(inArray(components.id, ids))
    : [];
  const slugById = new Map(found.map((c) => [c.id, c.slug]));
  return rows.map((r) => ({
    ...r,
    components: [...new Set(r.componentIds.flatMap((id) => slugById.get(id) ?? []))],
  }));
}

export type SubscriberPage = { subscribers: SubscriberView[]; nextCursor: string | null };

/** Subscribers newest first, keyset-paginated like incidents so pages stay stable while rows are added. */
export async function listSubscribers({
  ctx,
  type,
  state,
  cursor,
  limit,
}: {
  ctx: ServiceContext;
  type?: SubscriberType;
  state?: SubscriberState;
  cursor?: string;
  limit: number;
}): Promise<SubscriberPage> {
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await ctx.db
    .select()
    .from(subscribers)
    .where(
      and(
        type ? eq(subscribers.type, type) : undefined,
        state ? eq(subscribers.state, state) : undefined,
        after
          ? or(
              lt(subscribers.createdAt, after.at),
              and(eq(subscribers.createdAt, after.at), lt(subscribers.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(subscribers.createdAt), desc(subscribers.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    subscribers: await withComponentSlugs(ctx.db, page),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

export type AddSubscriberInput =
  | { type: "email"; email: string; components?: string[] }
  | { type: "webhook"; url: string; components?: string[] };

export type AddedSubscriber = {
  subscriber: SubscriberView;
  /** False when the address or URL was already there: it is active again, with the components given. */
  created: boolean;
  /** A new webhook's signing secret; shown once, in the create response. */
  secret: string | null;
};

/**
 * Adds a pre-confirmed subscriber, as an administrator importing a list does:
 * an email address (no confirmation email) or a webhook (with a new signing
 * secret). An address or URL that is already there is made active again,
 * with `components` when given (omitted keeps what it follows; [] means every
 * component).
 */
export async function addSubscriber({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: AddSubscriberInput;
}): Promise<AddedSubscriber> {
  const now = ctx.clock();
  const email = input.type === "email" ? normalizeEmail(input.email) : null;
  const url = input.type === "webhook" ? webhookUrl(input.url) : null;
  if (email !== null) {
    const problem = emailProblem(email);
    if (problem) throw AppError.invalid([{ field: "email", message: problem }]);
  }
  const { row, created, secret } = await withTransaction(ctx, async (tx) => {
    const componentIds = input.components === undefined ? undefined : await componentIdsFor(tx, input.components);
    const find = async () => {
      const [found] = await tx
        .select()
        .from(subscribers)
        .where(
          email !== null
            ? and(eq(subscribers.type, "email"), eq(subscribers.email, email))
            : and(eq(subscribers.type, "webhook"), eq(subscribers.url, url as string)),
        )
        .orderBy(asc(subscribers.createdAt), asc(subscribers.id))
        .limit(1)
        .for("update");
      return found;
    };
    let existing = await find();
    if (!existing) {
      const secret = input.type === "webhook" ? newWebhookSecret() : null;
      const [inserted] = await tx
        .insert(subscribers)
        .values({
          id: newId("sub"),
          type: input.type,
          email,
          url,
          state: "active",
          componentIds: componentIds ?? [],
          secret,
          confirmedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (inserted) {
        await recordAudit(tx, ctx, now, {
          action: "subscriber.create",
          targetType: "subscriber",
          targetId: inserted.id,
          details: { type: input.type, components: input.components ?? [] },
        });
        return { row: inserted, created: true, secret };
      }
      existing = await find(); // a public subscription for the same address won the race
      if (!existing) throw new Error(`subscriber ${email ?? url} vanished while being added`);
    }
    const wasActive = existing.state === "active";
    const nextIds = componentIds ?? existing.componentIds;
    if (wasActive && sameIds(nextIds, existing.componentIds)) return { row: existing, created: false, secret: null };
    const [updated] = await tx
      .update(subscribers)
      .set(wasActive ? { componentIds: nextIds, updatedAt: now } : reactivation(nextIds, now))
      .where(eq(subscribers.id, existing.id))
      .returning();
    await recordAudit(tx, ctx, now, {
      action: wasActive ? "subscriber.update" : "subscriber.reactivate",
      targetType: "subscriber",
      targetId: existing.id,
      details: { type: input.type, previousState: existing.state, components: input.components ?? null },
    });
    return { row: updated, created: false, secret: null };
  });
  const [subscriber] = await withComponentSlugs(ctx.db, [row]);
  return { subscriber, created, secret };
}

/** The columns that make a subscriber that left (or never confirmed) active and confirmed now. */
function reactivation(componentIds: string[], now: Date) {
  return {
    state: "active",
    componentIds,
    confirmedAt: now,
    unsubscribedAt: null,
    quarantinedAt: null,
    failures: 0,
    firstFailureAt: null,
    lastError: null,
    updatedAt: now,
  };
}

function sameIds(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

/** Removes a subscriber for good (an unsubscribe keeps the row; this does not). 404 when there is none. */
export async function deleteSubscriber({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<void> {
  if (!idPattern.test(id)) throw AppError.notFound("subscriber", id);
  const now = ctx.clock();
  await withTransaction(ctx, async (tx) => {
    const [gone] = await tx
      .delete(subscribers)
      .where(eq(subscribers.id, id))
      .returning({ id: subscribers.id, type: subscribers.type, state: subscribers.state });
    if (!gone) throw AppError.notFound("subscriber", id);
    // The address itself is not kept: deleting is how someone's data is erased.
    await recordAudit(tx, ctx, now, {
      action: "subscriber.delete",
      targetType: "subscriber",
      targetId: gone.id,
      details: { type: gone.type, state: gone.state },
    });
  });
}

/** One record of a CSV file and the line it starts on (1-based). */
export type CsvRecord = { line: number; fields: string[] };

/**
 * Parses RFC 4180 CSV: fields separated by commas, records by CRLF, LF or
 * CR; a field in double quotes may hold commas, line breaks and doubled
 * quotes. A leading byte order mark is ignored. 400 naming the line for a
 * quote that is never closed or text after a closing quote.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      if (text[i] === '"') {
        let value = "";
        let j = i + 1;
        for (;;) {
          const quote = text.indexOf('"', j);
          if (quote < 0)
            throw AppError.invalid([{ field: `line ${start}`, message: "a quoted field is never closed" }]);
          value += text.slice(j, quote);
          if (text[quote + 1] === '"') {
            value += '"';
            j = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
        }
        line += value.match(/\r\n|\r|\n/g)?.length ?? 0;
        fields.push(value);
        if (i < n && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
          throw AppError.invalid([{ field: `line ${line}`, message: "unexpected text after a closing quote" }]);
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break; // , \n \r
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      line++;
      break;
    }
    records.push({ line: start, fields });
  }
  return records;
}

/** A cell starting with one of these is run as a formula by spreadsheets (CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV field, quoted when it holds a comma, a quote or a line break (RFC
 * 4180). Exports get opened in spreadsheets: a value a spreadsheet would run
 * as a formula (an address such as "=HYPERLINK(...)@x.com" is valid) gets a
 * leading apostrophe, as OWASP advises; import takes it off again.
 */
function csvField(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A field as exported, without the apostrophe that kept a spreadsheet from running it. */
function unguardCsvField(value: string): string {
  return value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value;
}

function csvRow(values: (string | null)[]): string {
  return `${values.map((v) => csvField(v ?? "")).join(",")}\r\n`;
}

export const exportColumns = ["id", "type", "email", "url", "state", "components", "confirmed_at", "created_at"];

/**
 * Every subscriber as CSV (RFC 4180, CRLF), in chunks: the header with the
 * first 1000 rows, then 1000 rows a chunk, read in keyset order of id so
 * memory stays flat for any size of list. Webhook secrets are never exported.
 * Components are slugs separated by spaces, as import reads them.
 */
export async function* exportSubscribersCsv({ ctx }: { ctx: ServiceContext }): AsyncGenerator<string, void> {
  let chunk = csvRow(exportColumns);
  let after: string | null = null;
  for (;;) {
    const rows = await ctx.db
      .select()
      .from(subscribers)
      .where(after ? gt(subscribers.id, after) : undefined)
      .orderBy(asc(subscribers.id))
      .limit(batchSize);
    for (const s of await withComponentSlugs(ctx.db, rows)) {
      chunk += csvRow([
        s.id,
        s.type,
        s.email,
        s.url,
        s.state,
        s.components.join(" "),
        s.confirmedAt?.toISOString() ?? null,
        s.createdAt.toISOString(),
      ]);
    }
    yield chunk;
    chunk = "";
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].id;
  }
}

export type ImportCounts = {
  /** New addresses, active and confirmed now. */
  added: number;
  /** Addresses that were pending, unsubscribed or suppressed and are active again. */
  reactivated: number;
  /** Active addresses whose components changed. */
  updated: number;
  /** Active addresses left as they were. */
  unchanged: number;
  /** Rows the file itself marks as not to import: webhooks, or a state other than active (as in an export). */
  skipped: number;
};

type ImportRow = { line: number; email: string; slugs: string[] | null };

/**
 * Imports email addresses from CSV, pre-confirmed, all or nothing: every
 * line is checked first and any problem is a 400 naming its line, with
 * nothing written. The header names the columns: `email` is required,
 * `components` (slugs separated by spaces or `|`) is optional, and an
 * export's `type` and `state` columns are honoured (webhook rows and rows not
 * active are skipped) so an export can be imported again. Other columns are
 * ignored. Addresses already there are made active again, as addSubscriber
 * does; without a components column they keep what they follow.
 */
export async function importSubscribers({ ctx, csv }: { ctx: ServiceContext; csv: string }): Promise<ImportCounts> {
  const now = ctx.clock();
  const records = parseCsv(csv)
    .filter((r) => r.fields.some((f) => f.trim() !== ""))
    .map((r) => ({ line: r.line, fields: r.fields.map(unguardCsvField) }));
  const [header, ...body] = records;
  if (!header) {
    throw AppError.invalid([
      { field: "csv", message: "is empty; the first line must be a header such as email,components" },
    ]);
  }
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const column = (name: string) => names.indexOf(name);
  const problems: FieldProblem[] = [];
  const seenNames = new Set<string>();
  for (const name of names) {
    if (name && seenNames.has(name))
      problems.push({ field: `line ${header.line}`, message: `the header names column "${name}" twice` });
    seenNames.add(name);
  }
  const emailAt = column("email");
  if (emailAt < 0) {
    throw AppError.invalid([
      { field: `line ${header.line}`, message: "the header must name an email column, such as email,components" },
    ]);
  }
  const componentsAt = column("components");
  const typeAt = column("type");
  const stateAt = column("state");

  const rows: ImportRow[] = [];
  const lineByEmail = new Map<string, number>();
  let skipped = 0;
  for (const { line, fields } of body) {
    if (problems.length >= maxImportProblems) break;
    if (fields.length !== names.length) {
      problems.push({
        field: `line ${line}`,
        message: `has ${fields.length} field${fields.length === 1 ? "" : "s"}; the header has ${names.length}`,
      });
      continue;
    }
    const type = typeAt < 0 ? "" : fields[typeAt].trim().toLowerCase();
    const state = stateAt < 0 ? "" : fields[stateAt].trim().toLowerCase();
    if (type && !(subscriberTypes as readonly string[]).includes(type)) {
      problems.push({ field: `line ${line}: type`, message: "must be email or webhook" });
      continue;
    }
    if (state && !(subscriberStates as readonly string[]).includes(state)) {
      problems.push({ field: `line ${line}: state`, message: `must be one of ${subscriberStates.join(", ")}` });
      continue;
    }
    if (type === "webhook" || (state && state !== "active")) {
      skipped++;
      continue;
    }
    const email = normalizeEmail(fields[emailAt]);
    const problem = emailProblem(email);
    if (problem) {
      problems.push({ field: `line ${line}: email`, message: problem });
      continue;
    }
    const earlier = lineByEmail.get(email);
    if (earlier !== undefined) {
      problems.push({ field: `line ${line}: email`, message: `repeats line ${earlier}` });
      continue;
    }
    lineByEmail.set(email, line);
    const slugs = componentsAt < 0 ? null : fields[componentsAt].split(/[\s|]+/).filter(Boolean);
    const bad = slugs?.find((slug) => !slugPattern.test(slug));
    if (bad !== undefined) {
      problems.push({ field: `line ${line}: components`, message: `no component has slug "${bad.slice(0, 100)}"` });
      continue;
    }
    rows.push({ line, email, slugs });
  }
  if (problems.length) throw AppError.invalid(problems);

  return withTransaction(ctx, async (tx) => {
    const wanted = [...new Set(rows.flatMap((r) => r.slugs ?? []))];
    const live = await findLiveComponents(tx, wanted);
    for (const r of rows) {
      for (const slug of r.slugs ?? []) {
        if (!live.has(slug) && problems.length < maxImportProblems)
          problems.push({ field: `line ${r.line}: components`, message: `no component has slug "${slug}"` });
      }
    }
    if (problems.length) throw AppError.invalid(problems);
    const idsFor = (slugs: string[] | null) =>
      slugs === null ? null : [...new Set(slugs.map((s) => (live.get(s) as { id: string }).id))];

    const counts: ImportCounts = { added: 0, reactivated: 0, updated: 0, unchanged: 0, skipped };
    for (let at = 0; at < rows.length; at += batchSize) {
      const batch = rows.slice(at, at + batchSize);
      const selectExisting = (emails: string[]) =>
        tx
          .select()
          .from(subscribers)
          .where(and(eq(subscribers.type, "email"), inArray(subscribers.email, emails)))
          .for("update");
      const existing = new Map((await selectExisting(batch.map((r) => r.email))).map((s) => [s.email, s]));
      const fresh = batch.filter((r) => !existing.has(r.email));
      const added = new Set<string>();
      if (fresh.length) {
        const inserted = await tx
          .insert(subscribers)
          .values(
            fresh.map((r) => ({
              id: newId("sub"),
              type: "email",
              email: r.email,
              state: "active",
              componentIds: idsFor(r.slugs) ?? [],
              confirmedAt: now,
              createdAt: now,
              updatedAt: now,
            })),
          )
          .onConflictDoNothing()
          .returning({ email: subscribers.email });
        for (const { email } of inserted) added.add(email as string);
        const raced = fresh.filter((r) => !added.has(r.email)).map((r) => r.email);
        if (raced.length) for (const s of await selectExisting(raced)) existing.set(s.email, s);
      }
      counts.added += added.size;
      // Rows that change the same way are updated together.
      const changes = new Map<string, { reactivate: boolean; componentIds: string[]; ids: string[] }>();
      for (const r of batch) {
        const row = existing.get(r.email);
        if (!row || added.has(r.email)) continue;
        const componentIds = idsFor(r.slugs) ?? row.componentIds;
        const reactivate = row.state !== "active";
        if (!reactivate && sameIds(componentIds, row.componentIds)) {
          counts.unchanged++;
          continue;
        }
        if (reactivate) counts.reactivated++;
        else counts.updated++;
        const key = `${reactivate}:${[...componentIds].sort().join(",")}`;
        const change = changes.get(key) ?? { reactivate, componentIds, ids: [] };
        change.ids.push(row.id);
        changes.set(key, change);
      }
      for (const { reactivate, componentIds, ids } of changes.values()) {
        await tx
          .update(subscribers)
          .set(reactivate ? reactivation(componentIds, now) : { componentIds, updatedAt: now })
          .where(inArray(subscribers.id, ids));
      }
    }
    await recordAudit(tx, ctx, now, {
      action: "subscriber.import",
      targetType: "subscriber",
      targetId: "import",
      details: { ...counts, lines: body.length },
    });
    return counts;
  });
}
