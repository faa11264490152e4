import type { Channel } from "../channels/types.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { AfterPoll } from "../delivery/listen/listener.ts";
import type { ServiceContext } from "../services/context.ts";

// Hearing customers on X (LISTEN, issue 16): loaded when LISTEN is on. Node polls
// in the engine's loop; Workers in the cron pass (engine.listenOnce, ADR 0018).

/** The x-ack channel that sends the automatic acknowledgements, when LISTEN_AUTO_ACK is on. */
export async function listenChannels(config: Config, db: Db): Promise<Channel[]> {
  if (!config.twitter || !config.listen?.autoAck) return [];
  const [{ createAckChannel }, { settleAck }] = await Promise.all([
    import("../channels/x-ack.ts"),
    import("../services/acknowledgements/index.ts"),
  ]);
  const settle = (ackId: string, result: Parameters<typeof settleAck>[2], now: Date) =>
    settleAck(db, ackId, result, now);
  return [createAckChannel({ twitter: config.twitter, settle })];
}

/**
 * The listeners, for the engine to poll in a loop of its own; undefined when
 * LISTEN is off. After each poll: the given steps, then the acknowledgements.
 */
export async function listenerFor(config: Config, afterPoll: AfterPoll[] = []) {
  const { listen, twitter } = config;
  if (!listen || !twitter) return undefined;
  const [{ createXReader }, { createListener }] = await Promise.all([
    import("../channels/x-reader.ts"),
    import("../delivery/listen/listener.ts"),
  ]);
  const reader = createXReader({ twitter });
  const owner = `listen-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const { autoAck } = listen;
  const steps: AfterPoll[] = [...afterPoll];
  if (autoAck) {
    const { acknowledgeHeard } = await import("../services/acknowledgements/index.ts");
    steps.push(async (ctx, heard) => void (await acknowledgeHeard(ctx, { ...heard, reader, autoAck })));
  }
  return (ctx: ServiceContext) => createListener({ ctx, reader, listen, owner, afterPoll: steps });
}
