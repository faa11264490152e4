import { bucketIndex, histogramSamples, type MetricFamily } from "./family.ts";
import { durationBounds, type HitCounts, hitStatuses } from "./hit-counts.ts";

const name = "candor_http_request_duration_seconds";
const help =
  "Time from the request reaching Candor to its response, by route pattern and status (cache hits in the front thread included).";
const width = durationBounds.length + 1;

type Series = { route: string; status: string; perBucket: Float64Array; sum: number };

/**
 * candor_http_request_duration_seconds for this process: the app's requests,
 * recorded here, plus a front thread's hits, which arrive as counts
 * (HitCounts) and are added in at scrape time. prom-client's Histogram can
 * only observe one value at a time, so the buckets are kept here.
 *
 * @example const d = requestDurations(); d.record("/incidents/:id", 200, 0.004); d.family([])
 */
export function requestDurations() {
  const series = new Map<string, Series>();

  function seriesFor(map: Map<string, Series>, route: string, status: string): Series {
    const key = `${status} ${route}`;
    let found = map.get(key);
    if (!found) {
      found = { route, status, perBucket: new Float64Array(width), sum: 0 };
      map.set(key, found);
    }
    return found;
  }

  return {
    record(route: string, status: number, seconds: number): void {
      const s = seriesFor(series, route, String(status));
      s.perBucket[bucketIndex(durationBounds, seconds)]++;
      s.sum += seconds;
    },
    /** The family, with each thread's hits (labelled through `routes`, its route list) added to the app's own. */
    family(threads: { counts: HitCounts; routes: readonly string[] }[]): MetricFamily {
      const merged = new Map<string, Series>();
      for (const s of series.values()) {
        const m = seriesFor(merged, s.route, s.status);
        m.perBucket.set(s.perBucket);
        m.sum = s.sum;
      }
      for (const { counts, routes } of threads) {
        routes.forEach((route, r) => {
          hitStatuses.forEach((status, i) => {
            const at = r * hitStatuses.length + i;
            const perBucket = counts.buckets.subarray(at * width, (at + 1) * width);
            if (!perBucket.some((n) => n > 0)) return;
            const m = seriesFor(merged, route, String(status));
            for (let b = 0; b < width; b++) m.perBucket[b] += perBucket[b];
            m.sum += counts.sums[at];
          });
        });
      }
      const values = [...merged.values()].flatMap((s) =>
        histogramSamples(name, { route: s.route, status: s.status }, durationBounds, s.perBucket, s.sum),
      );
      return { name, help, type: "histogram", values };
    },
  };
}
