import { and, desc, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { IncidentSummary } from "../../db/models.ts";
import { incidents } from "../../db/schema/index.ts";
import { decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import type { ServiceContext } from "../context.ts";
import { listIncidentSummaries } from "./summaries.ts";

export type IncidentPage = { incidents: IncidentSummary[]; nextCursor: string | null };

export type ListIncidentsInput = { state?: "open" | "resolved"; limit: number; cursor?: string };

/**
 * Incidents newest first, keyset-paginated so pages stay stable while incidents are added.
 *
 * @example
 * const { incidents, nextCursor } = await listIncidents(ctx, { state: "open", limit: 20 });
 */
export async function listIncidents(ctx: ServiceContext, input: ListIncidentsInput): Promise<IncidentPage> {
  const { state, limit, cursor } = input;
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await ctx.db
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.kind, "incident"),
        state === "open"
          ? isNull(incidents.resolvedAt)
          : state === "resolved"
            ? isNotNull(incidents.resolvedAt)
            : undefined,
        after
          ? or(lt(incidents.startedAt, after.at), and(eq(incidents.startedAt, after.at), lt(incidents.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(incidents.startedAt), desc(incidents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    incidents: await listIncidentSummaries(ctx, page),
    nextCursor: rows.length > limit && last ? encodeCursor(last.startedAt, last.id) : null,
  };
}
