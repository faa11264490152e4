import {
  type ShapeOptions,
  type StatuspageScheduledMaintenance,
  shapeMaintenance,
} from "../../render/statuspage/index.ts";
import type { ServiceContext } from "../context.ts";
import { listMaintenances } from "../maintenances/index.ts";
import { withUpdates } from "./with-updates.ts";

/** How many maintenances scheduled-maintenances.json lists (the most recent), as Statuspage does. */
const recentMaintenanceLimit = 50;
/** A ceiling on upcoming or active maintenances read at once; real pages have a handful. */
const openMaintenanceLimit = 500;

/**
 * Scheduled maintenances in Statuspage's shape: all of them (the 50 with the
 * latest windows, past ones included, latest first), the upcoming ones
 * (scheduled, soonest first) or the active ones (in progress or verifying).
 * A cancelled maintenance has no Statuspage status: it is listed in "all" as
 * "completed", with its cancellation update (see statuspageMaintenanceStatus).
 * `shape` is the page's facts (read once per document, shared with its incidents).
 *
 * @example await listScheduledMaintenances(ctx, { which: "upcoming", shape })
 */
export async function listScheduledMaintenances(
  ctx: ServiceContext,
  { which, shape }: { which: "all" | "upcoming" | "active"; shape: ShapeOptions | Promise<ShapeOptions> },
): Promise<StatuspageScheduledMaintenance[]> {
  const found = await listMaintenances(ctx, {
    state: which === "all" ? undefined : which,
    limit: which === "all" ? recentMaintenanceLimit : openMaintenanceLimit,
  });
  if (!found.length) return [];
  const [opts, loaded] = await Promise.all([shape, withUpdates(ctx, found)]);
  return loaded.map((m) => shapeMaintenance(m, opts));
}
