import { and, count, inArray, ne, or, sql } from "drizzle-orm";
import { deliveries, incidentUpdates } from "../../db/schema/index.ts";
import { queryable, type ServiceContext } from "../context.ts";

/** How many copies of the old words one channel sent (an email per subscriber, one post on X, a call per webhook). */
export type ChannelCount = { channel: string; count: number };

/** What a correction reports: the channels still carrying the old words, and those that had not sent them yet. */
export type ChannelsNote = { withOldText: ChannelCount[]; pending: string[] };

/**
 * The copies of one update's words already delivered, per channel, from the
 * deliveries table: they cannot be taken back (X's API cannot edit a post,
 * an email is in the inbox, a webhook was called), so the engineer is told.
 *
 * @example await deliveredCopies(ctx, [updateId]) // [{ channel: "email", count: 120 }, { channel: "twitter", count: 1 }]
 */
export async function deliveredCopies(ctx: ServiceContext, updateIds: string[]): Promise<ChannelCount[]> {
  if (!updateIds.length) return [];
  return countByChannel(ctx, inArray(deliveries.updateId, updateIds));
}

/**
 * The copies that carried an incident's title: every email (its subject)
 * and webhook call (the incident's name), but on X only the post that
 * started the thread, the one post that names the incident.
 *
 * @example await titleCopies(ctx, incidentId) // [{ channel: "twitter", count: 1 }]
 */
export function titleCopies(ctx: ServiceContext, incidentId: string): Promise<ChannelCount[]> {
  const ofIncident = sql`${deliveries.updateId} in (select ${incidentUpdates.id} from ${incidentUpdates} where ${incidentUpdates.incidentId} = ${incidentId})`;
  const namesIncident = or(ne(deliveries.channel, "twitter"), sql`${deliveries.receipt} ->> 'starts_thread' = 'true'`);
  return countByChannel(ctx, and(ofIncident, namesIncident));
}

async function countByChannel(ctx: ServiceContext, where: ReturnType<typeof and>): Promise<ChannelCount[]> {
  const rows = await queryable(ctx)
    .select({ channel: deliveries.channel, count: count() })
    .from(deliveries)
    .where(where)
    .groupBy(deliveries.channel)
    .orderBy(deliveries.channel);
  return rows.map((r) => ({ channel: r.channel, count: Number(r.count) }));
}
