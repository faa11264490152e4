import { and, count, eq, isNull } from "drizzle-orm";
import { channelHealth, incidents } from "../../db/schema/index.ts";
import { type ServiceContext, withTransaction } from "../context.ts";
import { type OutboxCounts, outboxCounts } from "./outbox-counts.ts";
import { type Lateness, promiseLateness } from "./promise-lateness.ts";
import { type PromiseOutcome, promiseOutcomes } from "./promise-outcomes.ts";

/** What the database says at scrape time: shared by every process that uses it. */
export type DatabaseCounts = {
  lateness: Lateness[];
  promises: PromiseOutcome[];
  outbox: OutboxCounts;
  /** Each channel's health: the configured ones (healthy until a failure says otherwise) and any the table names. */
  channels: { channel: string; healthy: boolean }[];
  /** Incidents not resolved (scheduled maintenance is not an incident). */
  openIncidents: number;
};

/**
 * The counts /metrics reads from the database, in one read-only pass of a
 * few grouped queries: their size depends on the number of channels and
 * kinds, never on the number of incidents or deliveries.
 *
 * @example const counts = await readMetricCounts(ctx, { channels: ["email", "log"] });
 */
export async function readMetricCounts(
  ctx: ServiceContext,
  input: { channels: readonly string[] },
): Promise<DatabaseCounts> {
  return withTransaction(ctx, async (tx) => {
    const lateness = await promiseLateness(tx);
    const promises = await promiseOutcomes(tx);
    const outbox = await outboxCounts(tx);
    const health = await tx
      .select({ channel: channelHealth.channel, healthy: channelHealth.healthy })
      .from(channelHealth)
      .orderBy(channelHealth.channel)
      .limit(100);
    const [open] = await tx
      .select({ n: count() })
      .from(incidents)
      .where(and(isNull(incidents.resolvedAt), eq(incidents.kind, "incident")));
    const channels = new Map(input.channels.map((channel) => [channel, true]));
    for (const h of health) channels.set(h.channel, h.healthy);
    return {
      lateness,
      promises,
      outbox,
      channels: [...channels].map(([channel, healthy]) => ({ channel, healthy })),
      openIncidents: open?.n ?? 0,
    };
  });
}
