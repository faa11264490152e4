import type { Incident } from "../../db/models.ts";
import { windowProblems } from "../../domain/maintenance.ts";
import { AppError, type FieldProblem } from "../../errors.ts";
import type { EditRequest } from "./types.ts";

/** A maintenance's window before an edit and after it. */
export type EditedWindow = { oldStart: Date; oldEnd: Date; startsAt: Date; endsAt: Date; moved: boolean };

/**
 * The window an edit asks for, refused with every problem at once (400) when
 * it changes what can no longer change once the work has started, or is no
 * window at all.
 */
export function editedWindow(m: Incident, input: EditRequest, started: boolean, now: Date): EditedWindow {
  const problems: FieldProblem[] = [];
  if (started) {
    if (input.startsAt && input.startsAt.getTime() !== m.scheduledFor?.getTime())
      problems.push({ field: "starts_at", message: "cannot move once the work has started" });
    if (input.components) problems.push({ field: "components", message: "cannot change once the work has started" });
    if (input.remindBeforeMs !== undefined)
      problems.push({ field: "remind_before", message: "has no use once the work has started" });
  }
  const oldStart = m.scheduledFor as Date;
  const oldEnd = m.scheduledUntil as Date;
  const startsAt = input.startsAt ?? oldStart;
  const endsAt = input.endsAt ?? oldEnd;
  const moved = startsAt.getTime() !== oldStart.getTime() || endsAt.getTime() !== oldEnd.getTime();
  if (moved) problems.push(...windowProblems(startsAt, endsAt, now, started));
  if (problems.length) throw AppError.invalid(problems);
  return { oldStart, oldEnd, startsAt, endsAt, moved };
}
