import type { XReader } from "../../channels/types.ts";
import { XReadError } from "../../channels/types.ts";
import type { ListenConfig } from "../../config-listen.ts";
import { type ServiceContext, withTransaction } from "../../services/context.ts";
import { storeHeardPosts } from "../../services/mentions/index.ts";
import { recordChannelError, recordChannelSuccess } from "../health.ts";
import { claimSource, type SourceRow } from "./claim-source.ts";
import { completePoll } from "./complete-poll.ts";
import { failPoll } from "./fail-poll.ts";
import { nextPollAt } from "./next-poll-at.ts";
import { prepareSources } from "./prepare-sources.ts";
import { pruneHeard } from "./prune-heard.ts";
import { readSource } from "./read-source.ts";

/** The listeners' health shows as this channel in GET /api/v1/channels and /readyz. */
export const listenChannel = "x-listen";
/** The longest a failing source waits between tries (X's rate-limit window). */
const maxBackoffMs = 15 * 60_000;
const pruneEveryMs = 60 * 60_000;

export type ListenerOptions = {
  ctx: ServiceContext;
  reader: XReader;
  listen: ListenConfig;
  /** Who holds a source's lease while polling it: this process. */
  owner: string;
  random?: () => number;
  /**
   * What runs after every completed poll, in order, with the ids it added to
   * the inbox: the spike rule, the acknowledgements. One that fails is
   * logged; the poll stands, and the next poll runs the steps again.
   */
  afterPoll?: AfterPoll[];
};

/** A step after a poll: what it heard (possibly nothing new) and whose account it listens for. */
export type AfterPoll = (
  ctx: ServiceContext,
  heard: { source: string; ids: string[]; account: { id: string; username: string } },
) => Promise<void>;

export type Listener = ReturnType<typeof createListener>;

/**
 * Polls X's mentions and search on their intervals, one process per source
 * at a time (a lease), and puts what it hears in the inbox. A completed poll
 * moves the cursor in the same transaction that stores the posts; a 429
 * waits for X's reset, a 5xx or an unreachable X backs off, and a 401 or 403
 * marks the listener unhealthy until a poll succeeds again.
 *
 * @example
 * const listener = createListener({ ctx, reader, listen: config.listen, owner: "candor-ab12" });
 * await listener.pass(); // polls every source that is due
 */
export function createListener(options: ListenerOptions) {
  const { ctx, reader, listen, owner } = options;
  const random = options.random ?? Math.random;
  const sources = [...(listen.mentions ? ["mentions"] : []), ...(listen.search ? ["search"] : [])];
  const everyMs = (source: string) =>
    source === "search" ? (listen.search?.everyMs ?? 0) : (listen.mentions?.everyMs ?? 0);
  let prepared = false;
  let prunedAt = 0;

  async function fail(row: SourceRow, err: unknown, now: Date): Promise<void> {
    const problem = err instanceof XReadError ? err : new XReadError(String(err), "unavailable");
    const backoff = Math.min(maxBackoffMs, everyMs(row.source) * 2 ** Math.min(row.failures, 10));
    const next =
      problem.kind === "rate_limited"
        ? (problem.resetAt ?? new Date(now.getTime() + maxBackoffMs))
        : new Date(now.getTime() + backoff * (0.8 + 0.4 * random()));
    await failPoll(ctx.db, owner, row.source, next);
    await recordChannelError(
      ctx.db,
      listenChannel,
      `${row.source}: ${problem.message}`,
      problem.kind === "refused",
      now,
    );
    ctx.log?.(`listen: ${row.source}: ${problem.message}; next poll at ${next.toISOString()}`);
  }

  async function poll(row: SourceRow): Promise<void> {
    const now = ctx.clock();
    let read: Awaited<ReturnType<typeof readSource>>;
    try {
      read = await readSource(reader, row, listen, now);
    } catch (err) {
      await fail(row, err, now);
      return;
    }
    // A spent budget waits for the next UTC day; otherwise the source's interval.
    const next = read.budgetSpent
      ? new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`).getTime() + 86_400_000
      : now.getTime() + everyMs(row.source);
    const heard = await withTransaction(ctx, async (tx, inner) => {
      const ids = await storeHeardPosts(inner, {
        posts: read.posts,
        source: row.source as never,
        account: read.account,
      });
      const kept = await completePoll(tx, owner, row.source, now, { ...read, nextPollAt: new Date(next) });
      return kept ? ids : [];
    });
    await recordChannelSuccess(ctx.db, listenChannel, now);
    for (const step of options.afterPoll ?? []) {
      await step(ctx, { source: row.source, ids: heard, account: read.account }).catch((err: unknown) => {
        ctx.log?.(`listen: after the ${row.source} poll: ${(err as Error).message}`);
      });
    }
  }

  return {
    sources,
    /** Polls every due source (each once), then prunes the inbox at most hourly. */
    async pass(): Promise<void> {
      if (sources.length === 0) return;
      if (!prepared) {
        await prepareSources(ctx, listen);
        prepared = true;
      }
      const polled = new Set<string>();
      for (;;) {
        const left = sources.filter((s) => !polled.has(s));
        const row = left.length > 0 ? await claimSource(ctx.db, owner, ctx.clock(), left) : null;
        if (!row) break;
        polled.add(row.source);
        await poll(row);
      }
      const now = ctx.clock().getTime();
      if (now - prunedAt >= pruneEveryMs) {
        await pruneHeard(ctx.db, new Date(now - listen.retentionMs));
        prunedAt = now;
      }
    },
    /** When the next poll falls due: the loop sleeps until then. */
    nextDueAt: () => nextPollAt(ctx.db, sources),
  };
}
