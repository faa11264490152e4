import type { IncidentDetail } from "../../db/models.ts";
import { isDatabaseUnavailable } from "../../db/unavailable.ts";
import type { ServiceContext } from "../context.ts";
import { type EtaAdvice, etaAdviceFor } from "./advise.ts";

/**
 * The advice for an incident that was just given an ETA, for the answer that
 * gave it. It is read after the write commits, so it never holds the
 * transaction up; if the database is lost meanwhile the answer goes without
 * it (null), because a 503 would say nothing was written and a retry would
 * post the update twice.
 *
 * @example const advice = await adviceAfterEta(ctx, await declareIncident(ctx, input));
 */
export async function adviceAfterEta(ctx: ServiceContext, incident: IncidentDetail): Promise<EtaAdvice | null> {
  try {
    return await etaAdviceFor(ctx, {
      impact: incident.impact,
      componentIds: incident.components.map((c) => c.id),
      startedAt: incident.startedAt,
    });
  } catch (err) {
    if (isDatabaseUnavailable(err)) return null;
    throw err;
  }
}
