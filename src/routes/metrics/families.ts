import { histogramSamples, type MetricFamily } from "../../lib/metrics/family.ts";
import { type DatabaseCounts, latenessBounds } from "../../services/metrics/index.ts";

const outboxStates = ["pending", "done", "dead"];
const latenessKinds = ["holding", "eta_missed", "maintenance_step"] as const;

/**
 * The families read from the database for one scrape, as Prometheus reads
 * them. Null counts (the database did not answer) give only
 * candor_metrics_database_up 0: no sample beats a made-up or stale one.
 * Every known series is written, zeros included, so none vanishes when its
 * count falls to nothing. Labels are channel names and fixed words only.
 *
 * @example databaseFamilies(await readMetricCounts(ctx, { channels }), new Date())
 */
export function databaseFamilies(counts: DatabaseCounts | null, now: Date): MetricFamily[] {
  const up: MetricFamily = {
    name: "candor_metrics_database_up",
    help: "1 when this scrape read the database, 0 when it could not (the metrics read from it are then left out).",
    type: "gauge",
    values: [{ labels: {}, value: counts ? 1 : 0 }],
  };
  if (!counts) return [up];
  const channels = [
    ...new Set([...counts.channels.map((c) => c.channel), ...counts.outbox.rows.map((r) => r.channel)]),
  ];
  const oldest = counts.outbox.oldestPendingAt;
  return [
    up,
    {
      name: "candor_promise_lateness_seconds",
      help: "How long after the promised time the machine's automatic updates went out, by kind (holding, eta_missed, maintenance_step).",
      type: "histogram",
      values: latenessKinds.flatMap((kind) => {
        const found = counts.lateness.find((l) => l.kind === kind);
        const atOrBelow = found?.atOrBelow ?? latenessBounds.map(() => 0);
        const perBucket = [...atOrBelow, found?.count ?? 0].map((n, i) => n - (i > 0 ? atOrBelow[i - 1] : 0));
        return histogramSamples(
          "candor_promise_lateness_seconds",
          { kind },
          latenessBounds,
          perBucket,
          found?.sum ?? 0,
        );
      }),
    },
    {
      name: "candor_promises_total",
      help: "Next-update promises settled, by who answered them (engineer or machine) and whether in time (kept or missed).",
      type: "counter",
      values: (["engineer", "machine"] as const).flatMap((keptBy) =>
        (["kept", "missed"] as const).map((outcome) => ({
          labels: { kept_by: keptBy, outcome },
          value: counts.promises.find((p) => p.keptBy === keptBy && p.outcome === outcome)?.count ?? 0,
        })),
      ),
    },
    {
      name: "candor_outbox_rows",
      help: "Outbox rows by channel and state (pending, done, dead).",
      type: "gauge",
      values: channels.flatMap((channel) =>
        outboxStates.map((state) => ({
          labels: { channel, state },
          value: counts.outbox.rows.find((r) => r.channel === channel && r.state === state)?.count ?? 0,
        })),
      ),
    },
    {
      name: "candor_outbox_oldest_pending_seconds",
      help: "Age of the oldest outbox row not yet delivered (0 when none is pending).",
      type: "gauge",
      values: [{ labels: {}, value: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0 }],
    },
    {
      name: "candor_channel_healthy",
      help: "1 while a channel works, 0 once a failure of the channel itself (not of one recipient) marked it unhealthy.",
      type: "gauge",
      values: counts.channels.map(({ channel, healthy }) => ({ labels: { channel }, value: healthy ? 1 : 0 })),
    },
    {
      name: "candor_incidents_open",
      help: "Incidents not yet resolved (scheduled maintenance not included).",
      type: "gauge",
      values: [{ labels: {}, value: counts.openIncidents }],
    },
  ];
}
