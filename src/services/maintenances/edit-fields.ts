import type { Incident } from "../../db/models.ts";
import type { EditedWindow } from "./edit-window.ts";
import { remindedAtFor } from "./reminder.ts";
import type { EditRequest } from "./types.ts";

/**
 * The columns an edit changes. Before the work: the window, the reminder and
 * whether peak hours were allowed. Once started: a new end is the ETA and the
 * time of the next update.
 */
export function editedFields(
  m: Incident,
  input: EditRequest,
  edit: { started: boolean; window: EditedWindow; peakHoursOverride: boolean; now: Date },
): Partial<Incident> {
  const { started, now } = edit;
  const { startsAt, endsAt, moved } = edit.window;
  const remindBeforeMs = input.remindBeforeMs === undefined ? m.remindBeforeMs : input.remindBeforeMs;
  const set: Partial<Incident> = { updatedAt: now };
  if (input.title !== undefined) set.title = input.title;
  // The automatic updates still to come go where this edit says, too.
  if (input.notify) set.notify = { twitter: true, email: true, webhook: true, ...m.notify, ...input.notify };
  if (!started) {
    if (moved || input.remindBeforeMs !== undefined) set.remindedAt = remindedAtFor(startsAt, remindBeforeMs, now);
    if (moved) {
      set.scheduledFor = startsAt;
      set.scheduledUntil = endsAt;
      set.startedAt = startsAt;
      set.allowPeakHours = edit.peakHoursOverride;
    }
    set.remindBeforeMs = remindBeforeMs;
  } else if (moved) {
    set.scheduledUntil = endsAt;
    set.eta = endsAt;
    set.nextUpdateDueAt = endsAt;
  }
  return set;
}
