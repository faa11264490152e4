import { AppError, type FieldProblem } from "../errors.ts";
import type { IncidentStatus } from "./incidents.ts";

/** One update of a past incident, as the engineer recalls it. */
export type BackfillUpdate = { status: IncidentStatus; message: string; at: Date };

export type BackfillTimes = { startedAt: Date; resolvedAt: Date; updates: BackfillUpdate[] };

/**
 * Checks the times of a past incident being recorded: everything in the
 * past, resolved after it started, updates oldest first at strictly
 * increasing times inside [started_at, resolved_at], only the last one
 * resolved and at resolved_at (the record ends with its resolution). Throws a
 * 400 listing every field that breaks a rule.
 *
 * @example checkBackfill({ startedAt, resolvedAt, updates }, now) // throws when resolvedAt > now
 */
export function checkBackfill(input: BackfillTimes, now: Date): void {
  const problems: FieldProblem[] = [];
  const { startedAt, resolvedAt, updates } = input;
  const t = now.getTime();
  if (startedAt.getTime() > t) problems.push({ field: "started_at", message: "must be in the past" });
  if (resolvedAt.getTime() > t) {
    problems.push({
      field: "resolved_at",
      message: "must be in the past: a backfill records an incident that is over",
    });
  } else if (resolvedAt.getTime() <= startedAt.getTime()) {
    problems.push({ field: "resolved_at", message: "must be after started_at" });
  }
  updates.forEach((u, i) => {
    const at = u.at.getTime();
    const field = `updates.${i}.at`;
    const last = i === updates.length - 1;
    let timeProblem: string | null = null;
    if (at > t) timeProblem = "must be in the past";
    else if (at < startedAt.getTime()) timeProblem = "must not be before started_at";
    else if (at > resolvedAt.getTime()) timeProblem = "must not be after resolved_at";
    else if (i > 0 && at <= updates[i - 1].at.getTime()) {
      timeProblem = `must be after updates.${i - 1}.at: give the updates oldest first`;
    } else if (last && at !== resolvedAt.getTime()) {
      timeProblem = "must equal resolved_at: the last update records the end";
    }
    if (timeProblem) problems.push({ field, message: timeProblem });
    if (last && u.status !== "resolved") {
      problems.push({ field: `updates.${i}.status`, message: "must be resolved: the last update records the end" });
    } else if (!last && u.status === "resolved") {
      problems.push({ field: `updates.${i}.status`, message: "only the last update may be resolved" });
    }
  });
  if (problems.length) throw AppError.invalid(problems);
}

/**
 * Whether two incidents' times overlap. Each runs over the half-open interval
 * [started, resolved): one that ends at 10:00 and one that starts at 10:00 do
 * not overlap. An open incident (resolved null) runs on without end.
 *
 * @example overlaps({ startedAt: t9, resolvedAt: t10 }, { startedAt: t10, resolvedAt: null }) // false
 */
export function overlaps(
  a: { startedAt: Date; resolvedAt: Date | null },
  b: { startedAt: Date; resolvedAt: Date | null },
): boolean {
  const aEnd = a.resolvedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bEnd = b.resolvedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return a.startedAt.getTime() < bEnd && b.startedAt.getTime() < aEnd;
}
