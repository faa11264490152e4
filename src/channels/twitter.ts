import type { TwitterConfig } from "../config.ts";
import { composeTweet } from "../render/tweet.ts";
import { type Channel, ChannelError, type DeliveryContext, type OutboundUpdate } from "./types.ts";
import { XApiError, XRequestError } from "./x-errors.ts";
import { xHttp } from "./x-http.ts";

/** The one recipient of the X channel: the incident's thread on the configured account. */
export const threadRecipient = "thread";

/** When X answers 429 without saying when to come back: its rate-limit window. */
const fallbackRateLimitMs = 15 * 60_000;

export type TwitterChannelOptions = { twitter: TwitterConfig };

/**
 * The X channel: one thread per incident. The first post names the incident;
 * every later update replies to the last post that was actually published,
 * so after an outage of X the thread goes on in order. Rows on this channel
 * are `ordered`: an update is not posted while an earlier one of its
 * incident is still pending.
 */
export function createTwitterChannel(options: TwitterChannelOptions): Channel {
  const x = xHttp(options.twitter);

  async function post(text: string, replyTo: string | null): Promise<string> {
    const body: Record<string, unknown> = { text };
    if (replyTo) body.reply = { in_reply_to_tweet_id: replyTo };
    const res = await x.post<{ data: { id: string } }>("tweets", body);
    return res.data.id;
  }

  return {
    name: "twitter",
    notifyFlag: "twitter",
    ordered: true,
    async deliver(update: OutboundUpdate, ctx: DeliveryContext) {
      if (await ctx.alreadyDelivered(threadRecipient)) return;
      const tip = await ctx.previousReceipt("tweet_id");
      const compose = (first: boolean) =>
        composeTweet({
          first,
          title: update.incidentTitle,
          status: update.status,
          message: update.message,
          promise: update.promise,
          url: update.incidentUrl,
          custom: update.customTweet,
        });
      let text = compose(tip === null);
      let replyTo = tip;
      let id: string;
      try {
        id = await post(text, replyTo);
      } catch (err) {
        const problem = classify(err);
        if (problem === "duplicate") {
          // X already has this exact post (we sent it before a crash or a
          // lost answer): it is out, so it counts as delivered.
          await ctx.recordDelivery(threadRecipient, { duplicate: true, text });
          return;
        }
        if (problem !== "reply_target_gone" || !replyTo) throw toChannelError(err);
        // Someone deleted the post we would reply to: start the thread again.
        replyTo = null;
        text = compose(true);
        try {
          id = await post(text, null);
        } catch (retryErr) {
          if (classify(retryErr) === "duplicate") {
            await ctx.recordDelivery(threadRecipient, { duplicate: true, text });
            return;
          }
          throw toChannelError(retryErr);
        }
      }
      await ctx.recordDelivery(threadRecipient, {
        tweet_id: id,
        in_reply_to: replyTo,
        starts_thread: replyTo === null,
        text,
      });
    },
  };
}

/**
 * X's 403s that are about this one post, not the account: a duplicate (it is
 * out already), a reply to a deleted post, and (since February 2026) a reply
 * to someone who did not mention or quote us.
 */
export function classify(err: unknown): "duplicate" | "reply_target_gone" | "not_engaged" | "other" {
  if (!(err instanceof XApiError) || err.code !== 403) return "other";
  const detail = (err.data.detail ?? "").toLowerCase();
  if (detail.includes("duplicate content")) return "duplicate";
  if (detail.includes("deleted or not visible")) return "reply_target_gone";
  if (detail.includes("not been mentioned") || detail.includes("otherwise engaged")) return "not_engaged";
  return "other";
}

/**
 * X's answer as a delivery decision: 429 waits for the rate-limit reset, 5xx
 * and network trouble back off, 401 and a 403 about permissions mean the
 * channel is broken (keep the rows, probe later), and any other refusal of
 * this one post cannot be fixed by trying again.
 */
export function toChannelError(err: unknown): ChannelError {
  if (err instanceof XApiError) {
    const problem = err.data;
    // "X answered 403: <detail, or else title>"
    const said = err.message;
    if (err.code === 429) {
      return new ChannelError(said, "retry_at", err.resetAt ?? new Date(Date.now() + fallbackRateLimitMs));
    }
    if (err.code === 401) return new ChannelError(said, "unhealthy");
    if (err.code === 403) {
      const text = `${problem.type ?? ""} ${problem.detail ?? ""} ${problem.title ?? ""}`.toLowerCase();
      const auth = /oauth|permission|not permitted|suspended|locked|unauthori[sz]ed|client-forbidden/.test(text);
      return new ChannelError(said, auth ? "unhealthy" : "permanent");
    }
    if (err.code >= 500 || err.code === 408 || err.code === 409) return new ChannelError(said, "retry");
    return new ChannelError(said, "permanent");
  }
  if (err instanceof XRequestError) {
    // A cut-off answer may mean the post went out: the retry then meets X's duplicate 403, counted as delivered.
    const said =
      err.kind === "cut_off" ? `X's answer was cut off: ${err.message}` : `could not reach X: ${err.message}`;
    return new ChannelError(said, "retry");
  }
  return new ChannelError(err instanceof Error ? err.message : String(err), "retry");
}
