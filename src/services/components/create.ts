import { components } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import { newId } from "../../lib/ids.ts";
import { isUniqueViolation, recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { findLiveComponents } from "./find-live.ts";
import type { Component, ComponentInput } from "./types.ts";

/**
 * Adds a component, operational, refusing a slug a live component already
 * has (a deleted one's slug may be reused: past incidents keep their row).
 */
export async function createComponent(ctx: ServiceContext, input: ComponentInput): Promise<Component> {
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
