import { and, countDistinct, eq } from "drizzle-orm";
import { heardPosts } from "../../db/schema/index.ts";
import { queryable, type ServiceContext } from "../context.ts";

/**
 * How many distinct people were heard on X about an incident (posts heard
 * while it was open, our own left out): a count, never who.
 *
 * @example await countHeardPeople(ctx, "inc_4k2x9v7m1q3r8t5w") // 12
 */
export async function countHeardPeople(ctx: ServiceContext, incidentId: string): Promise<number> {
  const [row] = await queryable(ctx)
    .select({ n: countDistinct(heardPosts.authorId) })
    .from(heardPosts)
    .where(and(eq(heardPosts.incidentId, incidentId), eq(heardPosts.fromUs, false)));
  return Number(row?.n ?? 0);
}
