import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { rateLimits } from "../db/schema/index.ts";
import { sha256Hex } from "../lib/crypto.ts";

export type RateLimit = { limit: number; windowMs: number };
export type RateDecision = { allowed: boolean; retryAfterSeconds: number };

/** Expired windows deleted at most per new window, so the table stays about as large as one window's clients. */
const sweepBatch = 100;

/**
 * Counts one attempt for `key` at `now` against a fixed window, in one
 * statement, shared by every process and Workers isolate on the database:
 * the first attempt opens a window, later ones count in it until it ends.
 * The key is stored hashed (it holds a client's address).
 *
 * @example await takeRateLimit(db, "subscribe:203.0.113.7", now, { limit: 10, windowMs: 600_000 })
 * // { allowed: true, retryAfterSeconds: 0 }
 */
export async function takeRateLimit(db: Db, key: string, now: Date, rule: RateLimit): Promise<RateDecision> {
  const hashed = await sha256Hex(key);
  const expired = new Date(now.getTime() - rule.windowMs).toISOString();
  const ended = sql`${rateLimits.windowStart} <= ${expired}::timestamptz`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key: hashed, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        windowStart: sql`case when ${ended} then excluded.window_start else ${rateLimits.windowStart} end`,
        count: sql`case when ${ended} then 1 else ${rateLimits.count} + 1 end`,
      },
    })
    .returning({ windowStart: rateLimits.windowStart, count: rateLimits.count });
  const { count } = row;
  if (count === 1) {
    // A new window: clear some that ended, so the table does not grow with every address ever seen.
    await db.execute(sql`delete from ${rateLimits} where key in (
      select key from ${rateLimits} where window_start <= ${expired}::timestamptz limit ${sweepBatch})`);
  }
  if (count <= rule.limit) return { allowed: true, retryAfterSeconds: 0 };
  const endsAt = row.windowStart.getTime() + rule.windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
}
