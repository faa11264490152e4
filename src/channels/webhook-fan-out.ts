import { fanOut } from "./fan-out.ts";
import { ChannelError, type DeliveryContext, type Recipient, type SubscriberDirectory } from "./types.ts";
import type { PostOutcome } from "./webhook-post.ts";

/**
 * One webhook fan-out with the webhook rules, shared by incident updates,
 * component events and chat messages: a 2xx is recorded (and clears the
 * subscriber's failures), 410 Gone (or what `gone` says is gone) unsubscribes,
 * a failure `uncounted` says is no fault of the receiver's (a rate limit) is
 * only tried again, anything else counts a failure for that webhook (ten
 * within an hour quarantine it) and leaves it for the row's next attempt,
 * which the engine backs off; the others are not sent again. A failure on our
 * side (the database) stops the fan-out, to resume where it was.
 */
export async function webhookFanOut(options: {
  ctx: Pick<DeliveryContext, "renewClaim">;
  now: Date;
  directory: SubscriberDirectory;
  first?: Recipient[];
  pending: (afterId: string | null) => Promise<Recipient[]>;
  concurrency: number;
  post: (to: Recipient) => Promise<PostOutcome>;
  recordSuccess: (to: Recipient, status: number) => Promise<void>;
  unsubscribe?: (subscriberId: string, now: Date) => Promise<void>;
  /** Whether a failed answer means the receiver is gone for good; 410 by default. */
  gone?: (to: Recipient, outcome: Extract<PostOutcome, { ok: false }>) => boolean;
  /** Failures tried again without counting towards quarantine; none by default. */
  uncounted?: (outcome: Extract<PostOutcome, { ok: false }>) => boolean;
  /** What the error message calls the receivers: "webhook(s)" by default. */
  noun?: string;
}): Promise<void> {
  const { directory, now } = options;
  let deferred = 0;
  let firstError = "";
  await fanOut({
    ctx: options.ctx,
    first: options.first,
    pending: options.pending,
    concurrency: options.concurrency,
    async send(to) {
      if (!to.url) return;
      const outcome = await options.post(to);
      if (outcome.ok) {
        await options.recordSuccess(to, outcome.status);
        if (to.failures > 0) await directory.succeeded(to.id, now);
        return;
      }
      const gone = options.gone ? options.gone(to, outcome) : outcome.status === 410;
      if (gone && options.unsubscribe) {
        await options.unsubscribe(to.id, now);
        return;
      }
      const state = options.uncounted?.(outcome) ? "active" : await directory.failed(to.id, outcome.error, now);
      if (state === "active") {
        deferred++;
        // The subscriber's id, not its URL: URLs can carry tokens, and this message is shown.
        firstError ||= `${to.id} ${outcome.error}`;
      }
    },
  });
  if (deferred) {
    throw new ChannelError(
      `${deferred} ${options.noun ?? "webhook(s)"} failed, they get it on the next attempt; first: ${firstError}`.slice(
        0,
        1000,
      ),
      "retry",
      undefined,
      { recipientsOnly: true },
    );
  }
}
