import { and, eq, isNull } from "drizzle-orm";
import { components, incidentComponents, incidents } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { findLiveComponent } from "./find-live.ts";

/**
 * Soft-deletes a component so past incidents keep naming it. Refused while an
 * open incident or maintenance involves it: the public would lose sight of
 * what is affected, so the message says what to finish first.
 */
export async function deleteComponent(ctx: ServiceContext, slug: string): Promise<void> {
  const now = ctx.clock();
  await withTransaction(ctx, async (tx) => {
    const current = await findLiveComponent(tx, slug);
    const [open] = await tx
      .select({ id: incidents.id, kind: incidents.kind, status: incidents.status })
      .from(incidentComponents)
      .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
      .where(and(eq(incidentComponents.componentId, current.id), isNull(incidents.resolvedAt)))
      .limit(1);
    if (open?.kind === "maintenance") {
      const what = open.status === "scheduled" ? "scheduled maintenance" : "maintenance in progress";
      const how = open.status === "scheduled" ? "cancel it or take the component out of it" : "complete it";
      throw AppError.conflict(`component ${slug} is part of ${what} ${open.id}; ${how} first`);
    }
    if (open) throw AppError.conflict(`component ${slug} is affected by open incident ${open.id}; resolve it first`);
    await tx.update(components).set({ deletedAt: now, updatedAt: now }).where(eq(components.id, current.id));
    await recordAudit(tx, ctx, now, {
      action: "component.delete",
      targetType: "component",
      targetId: current.id,
      details: { slug },
    });
  });
}
