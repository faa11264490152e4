import { retryDead } from "../../delivery/queue/index.ts";
import type { ServiceContext } from "../context.ts";
import { getDelivery } from "./get.ts";
import type { DeliveryListItem } from "./list.ts";

/**
 * Gives a dead delivery a fresh set of attempts, due now, and wakes the
 * engine to send it. 404 for no such delivery, 409 unless it is dead.
 */
export async function retryDelivery(ctx: ServiceContext, id: number): Promise<DeliveryListItem> {
  await retryDead(ctx.db, id, ctx.clock());
  ctx.afterCommit?.();
  return getDelivery(ctx, id);
}
