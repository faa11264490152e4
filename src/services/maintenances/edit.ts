import { eq } from "drizzle-orm";
import type { Incident } from "../../db/models.ts";
import { incidents } from "../../db/schema/index.ts";
import type { MaintenanceStatus } from "../../domain/maintenance.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { auditDetails } from "../updates/index.ts";
import { checkPeakHours } from "./check-peak-hours.ts";
import { editedFields } from "./edit-fields.ts";
import { postEditUpdate } from "./edit-update.ts";
import { editedWindow } from "./edit-window.ts";
import { getMaintenance } from "./get.ts";
import { lockMaintenance } from "./lock.ts";
import { replaceComponents } from "./replace-components.ts";
import { openStates, working } from "./states.ts";
import type { EditRequest, ForMaintenance, MaintenanceDetail } from "./types.ts";

/**
 * Edits a maintenance. Before the work starts: title, components, reminder
 * and the window (a moved window is announced as a rescheduling, old time
 * and new, and checked against peak hours again). Once it has started: the
 * title and the end (a new end is an ETA revision). A `message` is posted as
 * an update on every channel; an edit with neither message nor new window is
 * recorded silently.
 *
 * @example
 * await editMaintenance(ctx, { id, endsAt: later, message: "Running long." });
 */
export async function editMaintenance(
  ctx: ServiceContext,
  request: ForMaintenance<EditRequest>,
): Promise<MaintenanceDetail> {
  const { id, ...input } = request;
  const now = ctx.clock();
  const { posted, maintenance } = await withTransaction(ctx, async (tx, txCtx) => {
    const m = await lockMaintenance(txCtx, id);
    if (!openStates.includes(m.status as MaintenanceStatus)) {
      throw AppError.conflict(`maintenance ${id} is ${m.status}; schedule a new one instead`);
    }
    const started = working(m.status);
    const window = editedWindow(m, input, started, now);
    const { oldStart, oldEnd, startsAt, endsAt, moved } = window;
    // Peak hours are checked for a window the caller moves (the override goes with the request that needs it).
    const override = moved && !started ? checkPeakHours(ctx, startsAt, endsAt, input.allowPeakHours ?? false, now) : {};
    const set = editedFields(m, input, {
      started,
      window,
      peakHoursOverride: Boolean(override.peakHoursOverride),
      now,
    });
    if (input.components && !started) await replaceComponents(txCtx, id, input.components);
    await tx.update(incidents).set(set).where(eq(incidents.id, id));
    const after = { ...m, ...set } as Incident;

    const updateId =
      moved || input.message ? await postEditUpdate(txCtx, { m, after, input, started, window, now }) : null;
    await recordAudit(tx, ctx, now, {
      action: moved && !started ? "maintenance.reschedule" : "maintenance.edit",
      targetType: "maintenance",
      targetId: id,
      details: {
        updateId,
        ...auditDetails(input),
        ...(moved ? { from: [oldStart, oldEnd], to: [startsAt, endsAt] } : {}),
        ...override,
      },
    });
    // Read in the transaction: once it commits, the answer must not need the database again.
    return { posted: updateId !== null, maintenance: await getMaintenance(txCtx, id) };
  });
  if (posted) ctx.afterCommit?.();
  return maintenance;
}
