import { fanOut } from "./fan-out.ts";
import { ChannelError, type DeliveryContext, type Recipient, type SubscriberDirectory } from "./types.ts";
import type { PostOutcome } from "./webhook-post.ts";

/**
 * One webhook fan-out with the webhook rules, shared by incident updates and
 * component events: a 2xx is recorded (and clears the subscriber's failures),
 * 410 Gone unsubscribes, anything else counts a failure for that webhook (ten
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
      if (outcome.status === 410 && options.unsubscribe) {
        await options.unsubscribe(to.id, now);
        return;
      }
      const state = await directory.failed(to.id, outcome.error, now);
      if (state === "active") {
        deferred++;
        // The subscriber's id, not its URL: URLs can carry tokens, and this message is shown.
        firstError ||= `${to.id} ${outcome.error}`;
      }
    },
  });
  if (deferred) {
    throw new ChannelError(
      `${deferred} webhook(s) failed, they get it on the next attempt; first: ${firstError}`.slice(0, 1000),
      "retry",
      undefined,
      { recipientsOnly: true },
    );
  }
}
