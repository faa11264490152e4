import { sql } from "drizzle-orm";
import { incidentComponents, incidents } from "../../db/schema/index.ts";

/**
 * An incident's component ids as a JSON array, selected beside its row. JSON
 * rather than a Postgres array: both drivers parse it, Workers' included
 * (which fetches no array types).
 */
export const componentIdsOfIncident = () =>
  sql<
    string[]
  >`coalesce((select json_agg(${incidentComponents.componentId}) from ${incidentComponents} where ${incidentComponents.incidentId} = ${incidents.id}), '[]'::json)`;
