import { and, desc, eq, isNotNull } from "drizzle-orm";
import { etaRevisions, incidents } from "../../db/schema/index.ts";
import type { RecordLedgerRow } from "../../render/views/record.ts";
import { queryable, type ServiceContext } from "../context.ts";
import { countedIncidents } from "./counted.ts";

/**
 * Every ETA given for an incident started since `since`, newest first, with
 * its incident's id, title and end: the ledger /record shows. ETAs only
 * (a revision to "no estimate" promised no time).
 *
 * @example (await recordLedger(ctx, since))[0].incident.title
 */
export async function recordLedger(ctx: ServiceContext, since: Date): Promise<RecordLedgerRow[]> {
  const rows = await queryable(ctx)
    .select({
      revision: etaRevisions,
      incident: {
        id: incidents.id,
        title: incidents.title,
        startedAt: incidents.startedAt,
        resolvedAt: incidents.resolvedAt,
      },
    })
    .from(etaRevisions)
    .innerJoin(incidents, eq(incidents.id, etaRevisions.incidentId))
    .where(and(countedIncidents(since), isNotNull(etaRevisions.eta)))
    .orderBy(desc(etaRevisions.promisedAt), desc(etaRevisions.id));
  return rows.map((r) => ({ ...r.revision, incident: r.incident }));
}
