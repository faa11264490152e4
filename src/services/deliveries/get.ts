import { eq } from "drizzle-orm";
import { outbox } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../context.ts";
import { type DeliveryListItem, selectDeliveries } from "./list.ts";

/** One delivery by id, as the list shows it; 404 when there is none. */
export async function getDelivery(ctx: ServiceContext, id: number): Promise<DeliveryListItem> {
  const [row] = await selectDeliveries(ctx).where(eq(outbox.id, id));
  if (!row) throw AppError.notFound("delivery", String(id));
  return row;
}
