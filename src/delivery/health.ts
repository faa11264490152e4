import { and, count, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { channelHealth, deliveries, outbox } from "../db/schema/index.ts";
import { redactUrls } from "../lib/redact.ts";

export type ChannelHealth = typeof channelHealth.$inferSelect;

/**
 * Records a failed attempt on a channel, so people can see what went wrong;
 * `broken` (the channel itself failed, not one recipient) also marks it unhealthy.
 * True when this failure turned a healthy channel unhealthy (the log and the
 * metrics tell that change once, not every failed attempt after it).
 */
export async function recordChannelError(
  db: Db,
  channel: string,
  message: string,
  broken: boolean,
  now: Date,
): Promise<boolean> {
  // deliver-row redacts URLs before it calls here.
  const error = message.slice(0, 2000);
  const [before] = broken
    ? await db.select({ healthy: channelHealth.healthy }).from(channelHealth).where(eq(channelHealth.channel, channel))
    : [];
  await db
    .insert(channelHealth)
    .values({ channel, healthy: !broken, lastError: error, lastErrorAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: channelHealth.channel,
      set: {
        lastError: error,
        lastErrorAt: now,
        updatedAt: now,
        ...(broken ? { healthy: false } : {}),
      },
    });
  return broken && (before?.healthy ?? true);
}

/** A delivery went through: a channel marked unhealthy has recovered. True when it was unhealthy until now. */
export async function recordChannelSuccess(db: Db, channel: string, now: Date): Promise<boolean> {
  const recovered = await db
    .update(channelHealth)
    .set({ healthy: true, recoveredAt: now, updatedAt: now })
    .where(and(eq(channelHealth.channel, channel), eq(channelHealth.healthy, false)))
    .returning({ channel: channelHealth.channel });
  return recovered.length > 0;
}

export type ChannelState = {
  channel: string;
  healthy: boolean;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  recoveredAt: Date | null;
  pending: number;
  dead: number;
};

/** What GET /api/v1/channels shows for each named channel. */
export async function channelStates(db: Db, names: readonly string[]): Promise<ChannelState[]> {
  if (!names.length) return [];
  const health = await db
    .select()
    .from(channelHealth)
    .where(inArray(channelHealth.channel, [...names]));
  const counts = await db
    .select({ channel: outbox.channel, state: outbox.state, n: count() })
    .from(outbox)
    .where(and(inArray(outbox.channel, [...names]), inArray(outbox.state, ["pending", "dead"])))
    .groupBy(outbox.channel, outbox.state);
  return Promise.all(
    names.map(async (channel) => {
      const [last] = await db
        .select({ at: deliveries.deliveredAt })
        .from(deliveries)
        .where(eq(deliveries.channel, channel))
        .orderBy(desc(deliveries.deliveredAt))
        .limit(1);
      const h = health.find((r) => r.channel === channel);
      const n = (state: string) => counts.find((c) => c.channel === channel && c.state === state)?.n ?? 0;
      return {
        channel,
        healthy: h?.healthy ?? true,
        lastSuccessAt: last?.at ?? null,
        // Redacted again on the way out: a row written before redaction may still hold a URL.
        lastError: h?.lastError ? redactUrls(h.lastError) : null,
        lastErrorAt: h?.lastErrorAt ?? null,
        recoveredAt: h?.recoveredAt ?? null,
        pending: n("pending"),
        dead: n("dead"),
      };
    }),
  );
}

/** The channels marked unhealthy (their last failure broke the channel itself), by name: what /readyz reports. */
export async function unhealthyChannels(db: Db): Promise<string[]> {
  const rows = await db
    .select({ channel: channelHealth.channel })
    .from(channelHealth)
    .where(eq(channelHealth.healthy, false))
    .orderBy(channelHealth.channel)
    .limit(50);
  return rows.map((r) => r.channel);
}
