import { and, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { components } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import type { Component } from "./types.ts";

/**
 * The components among `slugs` that are not deleted, by slug. Incidents,
 * maintenances and subscriptions name components by slug and must refuse a
 * deleted one, so they all check through here, inside their own transaction.
 */
export async function findLiveComponents(tx: Queryable, slugs: string[]): Promise<Map<string, Component>> {
  if (!slugs.length) return new Map();
  const rows = await tx
    .select()
    .from(components)
    .where(and(inArray(components.slug, slugs), isNull(components.deletedAt)));
  return new Map(rows.map((r) => [r.slug, r]));
}

/** One live component, or the 404 an edit or delete of a missing slug answers. */
export async function findLiveComponent(tx: Queryable, slug: string): Promise<Component> {
  const found = (await findLiveComponents(tx, [slug])).get(slug);
  if (!found) throw AppError.notFound("component", slug);
  return found;
}
