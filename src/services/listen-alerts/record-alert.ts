import { listenAlertJob } from "../../channels/types.ts";
import type { Tx } from "../../db/client.ts";
import { listenAlerts } from "../../db/schema/index.ts";
import { enqueue } from "../../delivery/queue/enqueue.ts";
import type { SpikeVerdict } from "../../domain/listen/spike.ts";
import { topWords } from "../../domain/listen/top-words.ts";
import { newId } from "../../lib/ids.ts";
import type { ListenAlertFacts } from "../../render/listen-alert.ts";
import type { ServiceContext } from "../context.ts";
import { examplePosts, type SpikePostRow } from "./spike-posts.ts";
import type { ListenAlert } from "./types.ts";

export type RecordAlertInput = {
  verdict: SpikeVerdict;
  windowMs: number;
  /** The posts in the window that made the spike: the words and examples come from them. */
  window: SpikePostRow[];
  /** The open incident to record it against; null pages the operators. */
  incidentId: string | null;
  now: Date;
};

/** How many words and example links an alert carries: enough to see what is wrong, short enough for a phone. */
const wordsShown = 5;
const examplesShown = 5;

/**
 * Writes one spike alert, and when it pages and LISTEN_ALERT_WEBHOOK_URL is
 * set, the outbox row that sends it, in the caller's transaction: an alert
 * is never recorded without its page, nor paged without its record.
 *
 * @example await recordAlert(inner, { verdict, windowMs: 600_000, window, incidentId: null, now })
 */
export async function recordAlert(ctx: ServiceContext & { tx: Tx }, input: RecordAlertInput): Promise<ListenAlert> {
  const { verdict, window, incidentId, now } = input;
  const paged = incidentId === null;
  const [alert] = await ctx.tx
    .insert(listenAlerts)
    .values({
      id: newId("alert"),
      authors: verdict.authors,
      baseline: verdict.baseline,
      windowSeconds: Math.round(input.windowMs / 1000),
      topWords: topWords(
        window.map((p) => p.text),
        wordsShown,
      ).map((w) => w.word),
      postUrls: examplePosts(window, examplesShown),
      incidentId,
      paged,
      createdAt: now,
    })
    .returning();
  if (paged && ctx.config.listen?.alert) {
    const facts: ListenAlertFacts = {
      alertId: alert.id,
      authors: alert.authors,
      baseline: alert.baseline,
      windowSeconds: alert.windowSeconds,
      topWords: alert.topWords,
      postUrls: alert.postUrls,
      createdAt: alert.createdAt.toISOString(),
    };
    const job = { key: `listen-alert:${alert.id}`, ...listenAlertJob, payload: facts, runAt: now };
    await enqueue(ctx.tx, [job], now, alert.id);
    ctx.afterCommit?.();
  }
  return alert;
}
