import type { Config } from "../config.ts";
import type { Db, Queryable, Tx } from "../db/client.ts";
import { auditLog } from "../db/schema/index.ts";
import type { Observe } from "../lib/events.ts";
import type { ResolveHost } from "../lib/webhook-target.ts";

/** Who is acting: an API key, or Candor itself for automatic work. */
export type Actor = { keyId: string | null; name: string };

/** Everything a service verb needs, resolved once per request or job. */
export type ServiceContext = {
  db: Db;
  /** The transaction this context runs in, if any: `withTransaction` joins it instead of opening another. */
  tx?: Tx;
  config: Config;
  /** The one source of time; tests pass a fake clock. */
  clock: () => Date;
  actor: Actor;
  requestId?: string;
  /** Channels that get an outbox row for each public update. */
  channels?: readonly { name: string; notifyFlag?: "twitter" | "email" | "webhook" | "chat"; jobsOnly?: boolean }[];
  /** Called after a transaction that wrote outbox rows or moved a promise commits. */
  afterCommit?: () => void;
  /** Resolves a webhook's host to check its addresses; absent on Workers (no DNS API), where only literal hosts are checked. */
  resolveHost?: ResolveHost;
  /** Where automatic work says what it did for an operator (the engine's log); requests leave it out. */
  log?: (line: string) => void;
  /** Told what a verb did that an operator counts: a promise kept, by an engineer or the machine. */
  observe?: Observe;
};

export const systemActor: Actor = { keyId: null, name: "candor" };

/**
 * Runs a verb's work in one transaction: all of it is written, or none.
 * Inside a transaction already (`ctx.tx`), it joins that one, so helpers that
 * take a context compose: a verb may call another verb and both commit
 * together. `afterCommit` hooks called inside wait for the outermost commit.
 *
 * @example
 * await withTransaction(ctx, async (tx, inner) => {
 *   await tx.insert(incidents).values(row);
 *   await enqueueUpdate(inner, update); // same transaction
 * });
 */
export async function withTransaction<T>(
  ctx: ServiceContext,
  work: (tx: Queryable, ctx: ServiceContext & { tx: Tx }) => Promise<T>,
): Promise<T> {
  if (ctx.tx) return work(ctx.tx, ctx as ServiceContext & { tx: Tx });
  let committed = false;
  const hooks: (() => void)[] = [];
  const result = await ctx.db.transaction((tx) =>
    work(tx, {
      ...ctx,
      tx,
      afterCommit: () => {
        if (committed) ctx.afterCommit?.();
        else hooks.push(() => ctx.afterCommit?.());
      },
      // Events tell what happened: one from a transaction that rolls back never did.
      observe: ctx.observe
        ? (event) => {
            if (committed) ctx.observe?.(event);
            else hooks.push(() => ctx.observe?.(event));
          }
        : undefined,
    }),
  );
  committed = true;
  for (const hook of hooks) hook();
  return result;
}

/** What queries run on: the open transaction, else the database. */
export function queryable(ctx: ServiceContext): Queryable {
  return ctx.tx ?? ctx.db;
}

export async function recordAudit(
  tx: Queryable,
  ctx: ServiceContext,
  now: Date,
  entry: { action: string; targetType: string; targetId: string; details?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(auditLog).values({
    actorKeyId: ctx.actor.keyId,
    actor: ctx.actor.name,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details ?? {},
    requestId: ctx.requestId ?? null,
    createdAt: now,
  });
}

/** True for Postgres unique-violation errors from either driver. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
