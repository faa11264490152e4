import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { subscribers } from "../../db/schema/index.ts";
import { redactUrls } from "../../lib/redact.ts";
import { emailHardFailureLimit, webhookFailureLimit, webhookFailureWindowMs } from "./rules.ts";

/**
 * Counts a hard failure for one recipient: an email address is suppressed
 * after 3 in a row, a webhook quarantined after 10 within an hour. Returns
 * the subscriber's state afterwards. Chat subscribers count as webhooks do.
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
  const restart = sql`(${subscribers.type} in ('webhook', 'chat') and (${subscribers.firstFailureAt} is null or ${subscribers.firstFailureAt} < ${windowStart}))`;
  const [row] = await db
    .update(subscribers)
    .set({
      failures: sql`case when ${restart} then 1 else ${subscribers.failures} + 1 end`,
      firstFailureAt: sql`case when ${restart} then ${at} else coalesce(${subscribers.firstFailureAt}, ${at}) end`,
      lastError: redactUrls(message).slice(0, 1000),
      updatedAt: now,
    })
    .where(eq(subscribers.id, subscriberId))
    .returning();
  if (!row) return "gone";
  const suppress = row.type === "email" && row.failures >= emailHardFailureLimit;
  const quarantine = (row.type === "webhook" || row.type === "chat") && row.failures >= webhookFailureLimit;
  if (suppress || quarantine) {
    await db
      .update(subscribers)
      .set({ state: suppress ? "suppressed" : "quarantined", quarantinedAt: quarantine ? now : null, updatedAt: now })
      .where(and(eq(subscribers.id, subscriberId), eq(subscribers.state, "active")));
    return suppress ? "suppressed" : "quarantined";
  }
  return row.state;
}
