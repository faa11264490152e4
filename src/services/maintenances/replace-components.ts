import { and, eq, notInArray } from "drizzle-orm";
import { incidentComponents } from "../../db/schema/index.ts";
import { queryable, type ServiceContext } from "../context.ts";
import { resolveSlugs } from "../updates/index.ts";

/** Names a different set of components before the work starts (none of them is changed until it does). */
export async function replaceComponents(ctx: ServiceContext, id: string, slugs: string[]): Promise<void> {
  const tx = queryable(ctx);
  const found = await resolveSlugs(ctx, slugs);
  const ids = [...found.values()].map((c) => c.id);
  await tx
    .delete(incidentComponents)
    .where(
      and(
        eq(incidentComponents.incidentId, id),
        ids.length ? notInArray(incidentComponents.componentId, ids) : undefined,
      ),
    );
  if (ids.length) {
    await tx
      .insert(incidentComponents)
      .values(ids.map((componentId) => ({ incidentId: id, componentId, status: "operational" })))
      .onConflictDoNothing();
  }
}
