import type { Recipient } from "../services/subscribers.ts";
import { ChannelError, type DeliveryContext } from "./types.ts";

/**
 * Sends one update to every pending recipient of a subscriber channel (email,
 * webhooks): reads them in keyset batches (the next batch is read while the
 * current one is sent, so memory stays flat), keeps `concurrency` sends under
 * way, and renews the row's claim before each batch so no other process
 * starts the fan-out over. `send` handles one recipient; when it throws, no
 * new sends start, the ones under way finish, `afterBatch` runs, and the
 * error leaves as a ChannelError (a plain error becomes a retry).
 */
export async function fanOut(options: {
  ctx: DeliveryContext;
  pending: (afterId: string | null) => Promise<Recipient[]>;
  /** The first batch, when the caller has already read it. */
  first?: Recipient[];
  concurrency: number;
  send: (to: Recipient) => Promise<void>;
  afterBatch?: () => Promise<void>;
}): Promise<void> {
  const { ctx, pending, concurrency, send } = options;
  let stop: unknown = null;
  let batch = options.first ?? (await pending(null));
  while (batch.length && !stop) {
    if (!(await ctx.renewClaim())) {
      throw new ChannelError("lost the claim on this delivery to another worker", "retry");
    }
    const next = pending(batch[batch.length - 1].id);
    next.catch(() => {}); // awaited below; this only keeps a failure from going unhandled meanwhile
    let index = 0;
    const current = batch;
    const worker = async () => {
      while (!stop && index < current.length) {
        const to = current[index++];
        try {
          await send(to);
        } catch (err) {
          stop ??= err;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, current.length) }, worker));
    try {
      await options.afterBatch?.();
    } catch (err) {
      stop ??= err;
    }
    batch = stop ? [] : await next;
  }
  if (stop instanceof ChannelError) throw stop;
  if (stop) throw new ChannelError(`fan-out stopped: ${stop instanceof Error ? stop.message : String(stop)}`, "retry");
}
