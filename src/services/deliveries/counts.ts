import { count } from "drizzle-orm";
import { outbox } from "../../db/schema/index.ts";
import type { OutboxState } from "../../delivery/queue/index.ts";
import type { ServiceContext } from "../context.ts";

/** How many deliveries are in each state: /readyz reports the pending and the dead, which need a person. */
export async function countDeliveries(ctx: ServiceContext): Promise<Record<OutboxState, number>> {
  const rows = await ctx.db.select({ state: outbox.state, n: count() }).from(outbox).groupBy(outbox.state);
  const counts = { pending: 0, done: 0, dead: 0 };
  for (const r of rows) counts[r.state as OutboxState] = r.n;
  return counts;
}
