import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Subscriber } from "../../db/models.ts";
import { subscribers } from "../../db/schema/index.ts";

/** One subscriber by id, or null once deleted: a queued confirmation email checks it is still wanted. */
export async function findSubscriber(db: Db, id: string): Promise<Subscriber | null> {
  const [row] = await db.select().from(subscribers).where(eq(subscribers.id, id));
  return row ?? null;
}
