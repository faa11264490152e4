import type { TwitterConfig } from "../config.ts";
import { classify, toChannelError } from "./twitter.ts";
import type { Channel } from "./types.ts";
import { xHttp } from "./x-http.ts";

/** What became of a queued acknowledgement, for the listener's records (services/acknowledgements). */
export type AckSettle = (
  ackId: string,
  result: { replyId: string | null } | { skipped: string },
  now: Date,
) => Promise<void>;

/**
 * Sends the automatic acknowledgements (issue 16) as replies on X: the
 * outbox's `listen.ack` jobs, never public updates. A 429, 5xx or broken
 * account is decided as for the thread (toChannelError). X's 403 for a reply
 * to someone who did not mention us is final: recorded as skipped, not
 * retried and not dead. A duplicate means it went out before (a crash after
 * sending): counted as sent.
 *
 * @example createAckChannel({ twitter: config.twitter, settle: (id, r, now) => settleAck(db, id, r, now) })
 */
export function createAckChannel(options: { twitter: TwitterConfig; settle: AckSettle }): Channel {
  const x = xHttp(options.twitter);
  return {
    name: "x-ack",
    jobsOnly: true,
    async deliver() {
      // jobsOnly: public updates never reach it.
    },
    async runJob(topic, payload, ctx) {
      if (topic !== "listen.ack") return;
      const { ackId, replyTo, text } = payload as { ackId: string; replyTo: string; text: string };
      try {
        const res = await x.post<{ data: { id: string } }>("tweets", {
          text,
          reply: { in_reply_to_tweet_id: replyTo },
        });
        await options.settle(ackId, { replyId: res.data.id }, ctx.now);
      } catch (err) {
        const kind = classify(err);
        if (kind === "duplicate") return options.settle(ackId, { replyId: null }, ctx.now);
        if (kind === "not_engaged" || kind === "reply_target_gone") {
          return options.settle(
            ackId,
            { skipped: kind === "not_engaged" ? "x_refused_not_mentioned" : "post_gone" },
            ctx.now,
          );
        }
        throw toChannelError(err);
      }
    },
  };
}
