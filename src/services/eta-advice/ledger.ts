import { sql } from "drizzle-orm";
import type { AdviceLedger, LedgerSide } from "../../domain/eta-advice.ts";
import { queryable, type ServiceContext } from "../context.ts";
import { countedIncidents } from "../record/counted.ts";

/** What makes an incident similar: its impact, and the components it touched (none: any). */
export type SimilarTo = { impact: string; componentIds: readonly string[] };

type SideRow = { is_similar: boolean; etas: number; met: number; overruns: number[]; durations: number[] };

const emptySide = (): LedgerSide => ({ etas: 0, met: 0, overrunSeconds: [], durationSeconds: [] });

/**
 * The window's ledger in one query, summed on each side of the similarity
 * line: resolved incidents started since `since` (found through their start
 * index) and the ETAs each gave that came due (through the ledger's incident
 * index), so the cost follows the window, not the years behind it. Similar
 * means the same impact and, when components are given, one in common. The
 * incident advised on is open, so it is never among them. Two rows come back,
 * not one per incident: shipping 4,000 rows cost more than the query.
 *
 * @example etaAdvice(await adviceLedger(ctx, since, { impact: "major", componentIds: ["cmp_1"] }), query, now)
 */
export async function adviceLedger(ctx: ServiceContext, since: Date, similarTo: SimilarTo): Promise<AdviceLedger> {
  const ids = similarTo.componentIds;
  const overlap = ids.length
    ? sql`and exists (select 1 from incident_components ic where ic.incident_id = incidents.id
        and ic.component_id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}))`
    : sql``;
  const result = await queryable(ctx).execute(sql`
    with w as (
      select incidents.id, extract(epoch from incidents.resolved_at - incidents.started_at)::int as seconds,
        (incidents.impact = ${similarTo.impact} ${overlap}) as is_similar
      from incidents
      where ${countedIncidents(since)} and incidents.resolved_at is not null
    ), e as (
      select w.is_similar, w.seconds, r.outcome, r.missed_by_seconds,
        row_number() over (partition by w.id) = 1 as first_of_incident
      from w join eta_revisions r on r.incident_id = w.id
      where r.outcome in ('met', 'missed')
    )
    select is_similar, count(*)::int as etas, (count(*) filter (where outcome = 'met'))::int as met,
      coalesce(json_agg(missed_by_seconds) filter (where outcome = 'missed'), '[]'::json) as overruns,
      json_agg(seconds) filter (where first_of_incident) as durations
    from e group by is_similar`);
  // postgres.js answers an array of rows, PGlite { rows }.
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: SideRow[] }).rows) as SideRow[];
  const ledger: AdviceLedger = { similar: emptySide(), others: emptySide() };
  for (const r of rows) {
    ledger[r.is_similar ? "similar" : "others"] = {
      etas: r.etas,
      met: r.met,
      overrunSeconds: r.overruns,
      durationSeconds: r.durations,
    };
  }
  return ledger;
}
