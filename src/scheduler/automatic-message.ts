import { and, count, eq } from "drizzle-orm";
import type { Incident } from "../db/models.ts";
import { incidentUpdates } from "../db/schema/index.ts";
import type { IncidentStatus } from "../domain/incidents.ts";
import type { DueUpdate } from "../domain/promises.ts";
import { etaMissedText, holdingText, maintenanceText } from "../render/text.ts";
import { queryable, type ServiceContext } from "../services/context.ts";

/**
 * The truthful words of an automatic update: an admitted missed ETA (an
 * overrun, for a maintenance), or a holding update that varies its wording
 * with how many came before, so a long incident does not repeat itself.
 */
export async function automaticMessage(
  ctx: ServiceContext,
  input: { incident: Incident; due: DueUpdate; nextUpdateDueAt: Date; now: Date },
): Promise<string> {
  const { incident, due, nextUpdateDueAt, now } = input;
  const tz = ctx.config.pageTimezone;
  const [{ holdings }] = await queryable(ctx)
    .select({ holdings: count() })
    .from(incidentUpdates)
    .where(and(eq(incidentUpdates.incidentId, incident.id), eq(incidentUpdates.kind, "holding")));
  // A maintenance's ETA is its planned end: passing it is an overrun, said as one.
  const overrun = incident.kind === "maintenance" && due.kind === "eta_missed";
  return overrun
    ? maintenanceText({ what: "overrun", missedEnd: due.missedEta, nextUpdateDueAt, lateByMs: due.lateByMs }, tz)
    : due.kind === "eta_missed"
      ? etaMissedText({ missedEta: due.missedEta, nextUpdateDueAt, lateByMs: due.lateByMs, timeZone: tz })
      : holdingText({
          status: incident.status as IncidentStatus,
          eta: incident.eta,
          nextUpdateDueAt,
          now,
          lateByMs: due.lateByMs,
          variant: holdings,
          timeZone: tz,
          maintenance: incident.kind === "maintenance",
        });
}
