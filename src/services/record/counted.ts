import { and, eq, gte, type SQL } from "drizzle-orm";
import { incidents } from "../../db/schema/index.ts";

/**
 * The incidents the record counts, started since `since`: the one place both
 * the ETA advice and the public record choose them, so they never disagree.
 * Incidents only: a maintenance's planned end is a plan made days ahead, not
 * an estimate made under pressure.
 *
 * @example db.select().from(incidents).where(countedIncidents(since))
 */
export function countedIncidents(since: Date): SQL {
  return and(eq(incidents.kind, "incident"), gte(incidents.startedAt, since)) as SQL;
}

/** How many days the public record covers, as the bars on / do. */
export const recordWindowDays = 90;

/** The start of the record's window: `days` days before `now`. */
export const windowStart = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);
