import type { Incident } from "../../db/models.ts";
import type { MaintenanceStatus } from "../../domain/maintenance.ts";
import { maintenanceText } from "../../render/text.ts";
import type { ServiceContext } from "../context.ts";
import { nextSeq, writeUpdate } from "../updates/index.ts";
import { carryNotify } from "./carry-notify.ts";
import type { EditedWindow } from "./edit-window.ts";
import { maintenancePlan } from "./plan.ts";
import { promiseFor } from "./promise-line.ts";
import type { EditRequest } from "./types.ts";

/**
 * Posts what an edit tells the public: a moved window before the work is a
 * rescheduling (old time and new), a new end during it an ETA revision, and
 * the engineer's message either way. Returns the update's id.
 */
export async function postEditUpdate(
  ctx: ServiceContext,
  edit: { m: Incident; after: Incident; input: EditRequest; started: boolean; window: EditedWindow; now: Date },
): Promise<string> {
  const { m, after, input, started, now } = edit;
  const { oldStart, oldEnd, startsAt, endsAt, moved } = edit.window;
  const tz = ctx.config.pageTimezone;
  const rescheduled =
    moved && !started
      ? maintenanceText({ what: "rescheduled", oldStartsAt: oldStart, oldEndsAt: oldEnd, startsAt, endsAt }, tz)
      : null;
  const message = [rescheduled, input.message].filter(Boolean).join(" ");
  return writeUpdate(ctx, {
    incidentId: m.id,
    seq: await nextSeq(ctx, m.id),
    plan: maintenancePlan(m.status as MaintenanceStatus, rescheduled ? "rescheduled" : "manual", {
      eta: after.eta,
      etaChanged: started && moved,
      nextUpdateDueAt: after.nextUpdateDueAt,
    }),
    message: message || "We have revised when we expect this maintenance to finish.",
    ...carryNotify(m, input),
    componentChanges: {},
    found: new Map(),
    previousEta: m.eta,
    startedAt: after.startedAt,
    // A rescheduling names the new window in its message; the promise need not repeat it.
    promise: rescheduled
      ? maintenanceText({ what: "planned", startsAt, endsAt, windowInMessage: true }, tz)
      : promiseFor(ctx, after, started && moved ? (m.eta ?? oldEnd) : null),
    now,
  });
}
