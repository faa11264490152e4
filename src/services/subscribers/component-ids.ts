import { inArray } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import type { Subscriber } from "../../db/models.ts";
import { components } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import { findLiveComponents } from "../components/index.ts";
import type { SubscriberView } from "./types.ts";

/** Resolves component slugs to ids; 400 naming the unknown ones. */
export async function componentIdsFor(tx: Queryable, slugs: string[] | undefined, field = "components") {
  if (!slugs?.length) return [];
  const found = await findLiveComponents(tx, [...new Set(slugs)]);
  const unknown = slugs.filter((s) => !found.has(s));
  if (unknown.length) {
    throw AppError.invalid(unknown.map((s) => ({ field: `${field}`, message: `no component has slug "${s}"` })));
  }
  return [...found.values()].map((c) => c.id);
}

/** Adds the slugs of the components each subscriber follows (deleted components too: that is what is stored). */
export async function withComponentSlugs(db: Queryable, rows: Subscriber[]): Promise<SubscriberView[]> {
  const ids = [...new Set(rows.flatMap((r) => r.componentIds))];
  const found = ids.length
    ? await db.select({ id: components.id, slug: components.slug }).from(components).where(inArray(components.id, ids))
    : [];
  const slugById = new Map(found.map((c) => [c.id, c.slug]));
  return rows.map((r) => ({
    ...r,
    components: [...new Set(r.componentIds.flatMap((id) => slugById.get(id) ?? []))],
  }));
}
