import { sql } from "drizzle-orm";
import { incidentComponents } from "../../db/schema/index.ts";

/**
 * The outer incident's id, qualified: drizzle writes a one-table query's
 * columns bare, and a bare "id" inside a subquery would be the inner table's.
 */
export const outerIncidentId = sql.raw('"incidents"."id"');

/**
 * An incident's component ids as a JSON array, selected beside its row. JSON
 * rather than a Postgres array: both drivers parse it, Workers' included
 * (which fetches no array types).
 */
export const componentIdsOfIncident = () =>
  sql<
    string[]
  >`coalesce((select json_agg(${incidentComponents.componentId}) from ${incidentComponents} where ${incidentComponents.incidentId} = ${outerIncidentId}), '[]'::json)`;
