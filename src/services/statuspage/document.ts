import type { ComponentStatus, Impact } from "../../domain/components.ts";
import {
  pageIdOf,
  pageStatus,
  type ShapeOptions,
  type StatuspageEndpoint,
  type StatuspagePage,
  shapeIncident,
  statuspageComponents,
  statuspageRecord,
  statuspageTime,
  type TimeFormat,
} from "../../render/statuspage/index.ts";
import { listComponents } from "../components/index.ts";
import type { ServiceContext } from "../context.ts";
import { loadRecord } from "../record/index.ts";
import { loadIncidents } from "./incidents.ts";
import { lastChange } from "./last-change.ts";
import { openIncidentImpacts } from "./open-impacts.ts";
import { listScheduledMaintenances } from "./scheduled-maintenances.ts";

/**
 * The JSON document of one public v2 endpoint, with the envelope Statuspage
 * gives it (page first). A pure function of the database, config and clock.
 *
 * @example await statuspageDocument(ctx, "status") // { page: {...}, status: { indicator: "none", description: "All Systems Operational" } }
 */
export async function statuspageDocument(
  ctx: ServiceContext,
  endpoint: StatuspageEndpoint,
): Promise<Record<string, unknown>> {
  const { publicUrl, pageName, pageTimezone } = ctx.config;
  const pageId = pageIdOf(publicUrl);
  const time: TimeFormat = (at) => statuspageTime(at, pageTimezone);

  const [updatedAt, rows] = await Promise.all([lastChange(ctx), listComponents(ctx)]);
  const page: StatuspagePage = {
    id: pageId,
    name: pageName,
    url: publicUrl,
    time_zone: pageTimezone,
    updated_at: updatedAt ? time(updatedAt) : null,
  };
  const components = () => statuspageComponents(rows, pageId, time);
  const shapeOf = async (): Promise<ShapeOptions> => {
    const shaped = await components();
    return { pageId, publicUrl, time, componentsById: new Map(shaped.map((c) => [c.id, c])) };
  };
  const incidentsOf = async (which: "unresolved" | "recent", shape?: ShapeOptions) => {
    const [opts, loaded] = await Promise.all([shape ?? shapeOf(), loadIncidents(ctx, which)]);
    return loaded.map((i) => shapeIncident(i, opts));
  };
  const maintenancesOf = async (which: "all" | "upcoming" | "active", shape?: ShapeOptions) =>
    listScheduledMaintenances(ctx, { which, shape: shape ?? shapeOf() });
  // Candor's own field, only with PAGE_SHOW_RECORD=on; Statuspage clients ignore what they do not know.
  const record = async () =>
    ctx.config.pageShowRecord
      ? { record: statuspageRecord(await loadRecord(ctx, ctx.clock(), { ledger: false }), publicUrl, time) }
      : {};
  const status = (open: { impact: string }[]) =>
    pageStatus(
      rows.map((c) => c.status as ComponentStatus),
      open.map((i) => i.impact as Impact),
    );

  switch (endpoint) {
    case "summary": {
      const shape = await shapeOf();
      const [unresolved, upcoming, active, extra] = await Promise.all([
        incidentsOf("unresolved", shape),
        maintenancesOf("upcoming", shape),
        maintenancesOf("active", shape),
        record(),
      ]);
      return {
        page,
        components: [...shape.componentsById.values()],
        incidents: unresolved,
        scheduled_maintenances: [...active, ...upcoming],
        status: status(unresolved),
        ...extra,
      };
    }
    case "status": {
      const [impacts, extra] = await Promise.all([openIncidentImpacts(ctx), record()]);
      return { page, status: status(impacts), ...extra };
    }
    case "components":
      return { page, components: await components() };
    case "incidents":
      return { page, incidents: await incidentsOf("recent") };
    case "incidents/unresolved":
      return { page, incidents: await incidentsOf("unresolved") };
    case "scheduled-maintenances":
      return { page, scheduled_maintenances: await maintenancesOf("all") };
    case "scheduled-maintenances/upcoming":
      return { page, scheduled_maintenances: await maintenancesOf("upcoming") };
    case "scheduled-maintenances/active":
      return { page, scheduled_maintenances: await maintenancesOf("active") };
  }
}
