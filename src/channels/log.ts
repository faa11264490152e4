import type { Channel, DeliveryContext, OutboundUpdate } from "./types.ts";

export type LogEntry = { updateId: string; incidentId: string; kind: string; text: string; at: string };

/**
 * The log channel: records every update it is given. It is the embedded
 * default (so `npm start` shows what customers would be told) and the test
 * channel. `append` receives one JSON line per delivery (the Node entry can
 * write them to a file); `delayMs` makes it slow on purpose, for crash tests.
 */
export function createLogChannel(options: { append?: (line: string) => void; delayMs?: number } = {}) {
  const entries: LogEntry[] = [];
  const channel: Channel & { entries: LogEntry[] } = {
    name: "log",
    entries,
    async deliver(update: OutboundUpdate, ctx: DeliveryContext) {
      if (await ctx.alreadyDelivered("log")) return;
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      const entry = {
        updateId: update.updateId,
        incidentId: update.incidentId,
        kind: update.kind,
        text: update.text,
        at: ctx.now.toISOString(),
      };
      entries.push(entry);
      options.append?.(JSON.stringify(entry));
      await ctx.recordDelivery("log");
    },
  };
  return channel;
}
