import type { IncidentSummary } from "../../db/models.ts";
import type { IncidentWithUpdates } from "../../render/statuspage/index.ts";
import type { ServiceContext } from "../context.ts";
import { listIncidents } from "../incidents/index.ts";
import { withUpdates } from "./with-updates.ts";

/** How many incidents incidents.json lists, as Statuspage does. */
const recentIncidentLimit = 50;

/**
 * Open incidents (all of them, page by page) or the most recent ones, each
 * with every update; never maintenances.
 *
 * @example await loadIncidents(ctx, "unresolved")
 */
export async function loadIncidents(
  ctx: ServiceContext,
  which: "unresolved" | "recent",
): Promise<IncidentWithUpdates[]> {
  const found: IncidentSummary[] = [];
  if (which === "recent") {
    found.push(...(await listIncidents(ctx, { limit: recentIncidentLimit })).incidents);
  } else {
    let cursor: string | undefined;
    do {
      const page = await listIncidents(ctx, { state: "open", limit: 100, cursor });
      found.push(...page.incidents);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return withUpdates(ctx, found);
}
