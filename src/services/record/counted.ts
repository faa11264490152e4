import { and, eq, gte, isNull, type SQL } from "drizzle-orm";
import { incidents } from "../../db/schema/index.ts";

/**
 * The incidents the record counts, started since `since`: the one place the
 * ETA advice, the public record and GET /api/v1/stats/promises choose them,
 * so they never disagree. Incidents only: a maintenance's planned end is a
 * plan made days ahead, not an estimate made under pressure. And not a
 * backfill (recorded afterwards): nobody was told of it and it promised nothing.
 *
 * @example db.select().from(incidents).where(countedIncidents(since))
 */
export function countedIncidents(since: Date): SQL {
  return and(eq(incidents.kind, "incident"), gte(incidents.startedAt, since), isNull(incidents.recordedAt)) as SQL;
}

/** How many days the public record covers, as the bars on / do. */
export const recordWindowDays = 90;

/** The start of the record's window: `days` days before `now`. */
export const windowStart = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);
