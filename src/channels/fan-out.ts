import { ChannelError, type DeliveryContext, type Recipient } from "./types.ts";

/**
 * Sends one update to every pending recipient of a subscriber channel (email,
 * webhooks): reads them in keyset batches (the next batch is read while the
 * current one is sent, so memory stays flat), keeps `concurrency` sends under
 * way without pausing between batches, and renews the row's claim with each
 * batch so no other process starts the fan-out over. `send` handles one
 * recipient; when it throws, no new sends start, the ones under way finish,
 * `afterBatch` runs, and the error leaves as a ChannelError (a plain error
 * becomes a retry). `afterBatch` also runs as each batch is taken up, while
 * the last sends of the one before may still be under way.
 */
export async function fanOut(options: {
  ctx: Pick<DeliveryContext, "renewClaim">;
  pending: (afterId: string | null) => Promise<Recipient[]>;
  /** The first batch, when the caller has already read it. */
  first?: Recipient[];
  concurrency: number;
  send: (to: Recipient) => Promise<void>;
  afterBatch?: () => Promise<void>;
}): Promise<void> {
  const { ctx, pending, concurrency, send } = options;
  const lost = () => new ChannelError("lost the claim on this delivery to another worker", "retry");
  let stop: unknown = null;
  let batch = options.first ?? (await pending(null));
  let index = 0;
  const prefetch = (after: Recipient[]) => {
    if (!after.length) return null;
    const read = pending(after[after.length - 1].id);
    read.catch(() => {}); // awaited when the batch is taken up; this only keeps a failure from going unhandled meanwhile
    return read;
  };
  if (batch.length && !(await ctx.renewClaim())) throw lost();
  let next = prefetch(batch);
  // The first worker to run out of recipients takes up the next batch; the
  // others wait for the same switch rather than each reading one.
  let switching: Promise<void> | null = null;
  const nextBatch = async () => {
    const read = await next;
    await options.afterBatch?.();
    if (read?.length && !(await ctx.renewClaim())) throw lost();
    batch = read ?? [];
    index = 0;
    next = prefetch(batch);
  };
  const take = async (): Promise<Recipient | null> => {
    while (!stop) {
      if (index < batch.length) return batch[index++];
      if (!next) return null;
      switching ??= nextBatch().finally(() => {
        switching = null;
      });
      try {
        await switching;
      } catch (err) {
        stop ??= err;
      }
    }
    return null;
  };
  const worker = async () => {
    for (let to = await take(); to; to = await take()) {
      try {
        await send(to);
      } catch (err) {
        stop ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  try {
    await options.afterBatch?.();
  } catch (err) {
    stop ??= err;
  }
  if (stop instanceof ChannelError) throw stop;
  if (stop) throw new ChannelError(`fan-out stopped: ${stop instanceof Error ? stop.message : String(stop)}`, "retry");
}
