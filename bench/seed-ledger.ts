// A large ETA ledger written straight into the tables (the API would take
// hours for 10,000 ETAs): resolved incidents spread evenly over a span of
// days, each with 1 to 4 ETAs that came due, met or missed by how long the
// incident really took. For bench/eta-advice.ts.
import { sql } from "drizzle-orm";
import type { Db } from "../src/db/client.ts";

/** Ten components, the first with the slug "api". */
export async function seedComponents(db: Db, now: Date): Promise<void> {
  await db.execute(sql`
    insert into components (id, slug, name, position, status, created_at, updated_at)
    select 'cmp_b' || g, case when g = 0 then 'api' else 'c' || g end, 'Component ' || g, g, 'operational',
      ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    from generate_series(0, 9) g`);
}

/**
 * `incidents` resolved incidents (ids `inc_<prefix><n>`; an upper-case prefix never meets a real id) started evenly
 * between `fromDaysAgo` and `toDaysAgo` before `now`, lasting 10 minutes to
 * 4 hours, with 1 to 4 ETAs each: 2.5 on average, so 4,000 incidents give
 * 10,000 ETAs. Impacts minor, major, major, critical in turn; one component
 * each, a second for every third incident.
 */
export async function seedLedger(
  db: Db,
  options: { prefix: string; incidents: number; fromDaysAgo: number; toDaysAgo: number; now: Date },
): Promise<number> {
  const { prefix, incidents: n, now } = options;
  const id = `inc_${prefix}`;
  const stepSeconds = ((options.fromDaysAgo - options.toDaysAgo) * 86_400) / n;
  const from = options.toDaysAgo * 86_400;
  await db.execute(sql`
    with s as (
      select g, ${now.toISOString()}::timestamptz - make_interval(secs => ${from}::float8 + g * ${stepSeconds}::float8) as started
      from generate_series(1, ${n}::int) g
    )
    insert into incidents (id, kind, title, status, impact, started_at, resolved_at, created_by, updated_at)
    select ${id} || g, 'incident', 'Bench incident ' || g, 'resolved', (array['minor','major','major','critical'])[1 + g % 4],
      started, started + make_interval(mins => 10 + (g * 37) % 230), 'bench', started
    from s`);
  await db.execute(sql`
    insert into incident_components (incident_id, component_id, status)
    select ${id} || g, 'cmp_b' || (g % 10), 'major_outage' from generate_series(1, ${n}::int) g
    union all
    select ${id} || g, 'cmp_b' || ((g + 3) % 10), 'partial_outage' from generate_series(1, ${n}::int) g where g % 3 = 0`);
  await db.execute(sql`
    insert into incident_updates (id, incident_id, seq, status, impact, body, author, kind, component_changes, notify, created_at)
    select 'upd_${sql.raw(prefix)}' || substr(id, ${id.length + 1}), id, 1, 'investigating', impact, 'Looking into it.', 'bench', 'manual',
      '{}'::jsonb, '{"twitter":true,"email":true,"webhook":true}'::jsonb, started_at
    from incidents where id like ${`${id}%`}`);
  // Fresh statistics, so the foreign-key checks below are planned for the tables' size now.
  await db.execute(sql`analyze incidents, incident_updates`);
  await db.execute(sql`
    insert into eta_revisions (id, incident_id, update_id, previous_eta, eta, promised_at, outcome, settled_at, missed_by_seconds)
    select 'eta_${sql.raw(prefix)}' || i.g || '_' || r, i.id, 'upd_${sql.raw(prefix)}' || i.g, null, e.eta, i.started_at,
      case when e.eta >= i.resolved_at then 'met' else 'missed' end, i.resolved_at,
      case when e.eta >= i.resolved_at then null else round(extract(epoch from i.resolved_at - e.eta))::int end
    from (select id, substr(id, ${id.length + 1})::int as g, started_at, resolved_at from incidents where id like ${`${id}%`}) i
    cross join lateral generate_series(1, 1 + i.g % 4) r
    cross join lateral (select i.started_at + make_interval(mins => 15 * r + (i.g * 13) % 60) as eta) e`);
  await db.execute(sql`analyze`);
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from eta_revisions where incident_id like ${`${id}%`}`),
  );
  return row.n;
}

/** The rows of db.execute's answer: postgres.js gives an array, PGlite { rows }. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
