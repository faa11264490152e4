import { type SQL, sql } from "drizzle-orm";
import { type AdviceLedger, type LedgerSide, minHistory } from "../../domain/eta-advice.ts";
import { queryable, type ServiceContext } from "../context.ts";
import { countedIncidents } from "../record/counted.ts";

/** What makes an incident similar: its impact, and the components it touched (none: any). */
export type SimilarTo = { impact: string; componentIds: readonly string[] };

type Side = { etas: number; met: number; overruns: number[]; durations: number[] };

/** The window's resolved incidents matching `where`, and the ETAs they gave that came due, summed in one row. */
function side(since: Date, where: SQL) {
  return sql`select count(*)::int as etas, (count(*) filter (where outcome = 'met'))::int as met,
      coalesce(json_agg(missed_by_seconds) filter (where outcome = 'missed'), '[]'::json) as overruns,
      coalesce(json_agg(seconds) filter (where first_of_incident), '[]'::json) as durations
    from (
      select extract(epoch from incidents.resolved_at - incidents.started_at)::int as seconds,
        r.outcome, r.missed_by_seconds, row_number() over (partition by incidents.id) = 1 as first_of_incident
      from incidents join eta_revisions r on r.incident_id = incidents.id
      where ${countedIncidents(since)} and incidents.resolved_at is not null
        and r.outcome in ('met', 'missed') ${where}
    ) e`;
}

const toSide = (s: Side): LedgerSide => ({
  etas: s.etas,
  met: s.met,
  overrunSeconds: s.overruns,
  durationSeconds: s.durations,
});

/**
 * The window's ledger in one query: the ETAs that came due for resolved
 * incidents started since `since`, and how long those incidents took, summed
 * for the similar ones (the same impact and, when components are given, one
 * in common) and, only when those gave fewer than `minHistory` ETAs, for all
 * of them. The similar ones are found first (the incidents' start index, then
 * each one's ledger through its incident index), so the usual case reads a
 * few hundred ETAs, not the whole window. The incident advised on is open,
 * so it is never among them.
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
    with similar_side as (${side(since, sql`and incidents.impact = ${similarTo.impact} ${overlap}`)})
    select row_to_json(similar_side) as similar,
      case when similar_side.etas < ${minHistory} then (select row_to_json(a) from (${side(since, sql``)}) a) end as every
    from similar_side`);
  // postgres.js answers an array of rows, PGlite { rows }.
  type Row = { similar: Side; every: Side | null };
  const [row] = (Array.isArray(result) ? result : (result as unknown as { rows: Row[] }).rows) as Row[];
  return { similar: toSide(row.similar), all: row.every ? toSide(row.every) : null };
}
