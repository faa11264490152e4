import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Queryable } from "../db/client.ts";
import { components, incidentComponents, incidents } from "../db/schema/index.ts";
import type { ComponentStatus } from "../domain/components.ts";
import { AppError } from "../errors.ts";
import { newId } from "../lib/ids.ts";
import { isUniqueViolation, recordAudit, type ServiceContext, withTransaction } from "./context.ts";

export type Component = typeof components.$inferSelect;

export type ComponentInput = {
  slug: string;
  name: string;
  description?: string | null;
  group?: string | null;
  position?: number;
};

export type ComponentPatch = Partial<Omit<ComponentInput, "slug">> & { status?: ComponentStatus };

/** Live components in display order: by group, then position, then name. */
export function listComponents({ ctx }: { ctx: ServiceContext }): Promise<Component[]> {
  return ctx.db
    .select()
    .from(components)
    .where(isNull(components.deletedAt))
    .orderBy(sql`${components.groupName} nulls first`, asc(components.position), asc(components.name));
}

export async function findLiveComponents(tx: Queryable, slugs: string[]): Promise<Map<string, Component>> {
  if (!slugs.length) return new Map();
  const rows = await tx
    .select()
    .from(components)
    .where(and(inArray(components.slug, slugs), isNull(components.deletedAt)));
  return new Map(rows.map((r) => [r.slug, r]));
}

async function findLiveComponent(tx: Queryable, slug: string): Promise<Component> {
  const found = (await findLiveComponents(tx, [slug])).get(slug);
  if (!found) throw AppError.notFound("component", slug);
  return found;
}

export async function createComponent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ComponentInput;
}): Promise<Component> {
  const now = ctx.clock();
  try {
    return await withTransaction(ctx, async (tx) => {
      if ((await findLiveComponents(tx, [input.slug])).size) throw duplicateSlug(input.slug);
      const [row] = await tx
        .insert(components)
        .values({
          id: newId("cmp"),
          slug: input.slug,
          name: input.name,
          description: input.description ?? null,
          groupName: input.group ?? null,
          position: input.position ?? 0,
          status: "operational",
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordAudit(tx, ctx, now, {
        action: "component.create",
        targetType: "component",
        targetId: row.id,
        details: { ...input },
      });
      return row;
    });
  } catch (err) {
    // Two concurrent creates can both pass the check; the unique index decides.
    if (isUniqueViolation(err)) throw duplicateSlug(input.slug);
    throw err;
  }
}

function duplicateSlug(slug: string): AppError {
  return new AppError("CONFLICT", `slug: a component with slug "${slug}" already exists`, [
    { field: "slug", message: "already exists" },
  ]);
}

export async function updateComponent({
  ctx,
  slug,
  input,
}: {
  ctx: ServiceContext;
  slug: string;
  input: ComponentPatch;
}): Promise<Component> {
  const now = ctx.clock();
  return withTransaction(ctx, async (tx) => {
    const current = await findLiveComponent(tx, slug);
    const [row] = await tx
      .update(components)
      .set({
        name: input.name ?? current.name,
        description: input.description === undefined ? current.description : input.description,
        groupName: input.group === undefined ? current.groupName : input.group,
        position: input.position ?? current.position,
        status: input.status ?? current.status,
        updatedAt: now,
      })
      .where(eq(components.id, current.id))
      .returning();
    await recordAudit(tx, ctx, now, {
      action: "component.update",
      targetType: "component",
      targetId: row.id,
      details: { ...input },
    });
    return row;
  });
}

export async function deleteComponent({ ctx, slug }: { ctx: ServiceContext; slug: string }): Promise<void> {
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
