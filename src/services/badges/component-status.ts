import type { ComponentStatus } from "../../domain/components.ts";
import { findLiveComponent } from "../components/index.ts";
import type { ServiceContext } from "../context.ts";

/**
 * One live component's name and status; a 404 for an unknown or deleted slug.
 *
 * @example await componentBadgeStatus(ctx, { slug: "api" }) // { name: "API", status: "operational" }
 */
export async function componentBadgeStatus(
  ctx: ServiceContext,
  input: { slug: string },
): Promise<{ name: string; status: ComponentStatus }> {
  const found = await findLiveComponent(ctx.db, input.slug);
  return { name: found.name, status: found.status as ComponentStatus };
}
