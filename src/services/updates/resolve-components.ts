import type { ComponentStatus } from "../../domain/components.ts";
import { AppError } from "../../errors.ts";
import { findLiveComponents } from "../components/index.ts";
import { queryable, type ServiceContext } from "../context.ts";

/** The live components an update names, by slug. */
export type Found = Map<string, { id: string; slug: string }>;

/**
 * The components an incident update sets a status on, so a typo in a slug is
 * a 400 naming the field rather than a status silently dropped.
 */
export async function resolveComponents(
  ctx: ServiceContext,
  requested: Record<string, ComponentStatus> | undefined,
): Promise<Found> {
  const slugs = Object.keys(requested ?? {});
  const found = await findLiveComponents(queryable(ctx), slugs);
  const unknown = slugs.filter((s) => !found.has(s));
  if (unknown.length) {
    throw AppError.invalid(unknown.map((s) => ({ field: `components.${s}`, message: `no component has slug "${s}"` })));
  }
  return found;
}

/**
 * The components a maintenance names (a list of slugs, repeats allowed), so an
 * unknown slug is refused before anything is announced.
 */
export async function resolveSlugs(ctx: ServiceContext, slugs: string[]): Promise<Found> {
  const unique = [...new Set(slugs)];
  const found = await findLiveComponents(queryable(ctx), unique);
  const unknown = unique.filter((s) => !found.has(s));
  if (unknown.length) {
    throw AppError.invalid(unknown.map((s) => ({ field: "components", message: `no component has slug "${s}"` })));
  }
  return found;
}
