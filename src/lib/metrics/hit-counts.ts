import { bucketIndex } from "./family.ts";

/**
 * candor_http_request_duration_seconds's buckets, in seconds. The first is
 * 1 ms: a cache hit takes a few dozen microseconds, a render or an API write
 * several milliseconds, so the two land apart.
 */
export const durationBounds = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** What a front thread answers a hit with: a cached 200 (GET or HEAD), or a 304 for a matching ETag. */
export const hitStatuses = [200, 304] as const;

/** A front thread's counts since it started, as it posts them to the main thread. */
export type HitCounts = {
  /** Hits served fresh, then served stale (the database down): [hit, stale]. */
  results: Float64Array;
  /** Per series (route × 2 + status index), how many fell in each bucket: durationBounds.length + 1 per series. */
  buckets: Float64Array;
  /** Per series, the sum of the durations in seconds. */
  sums: Float64Array;
};

/**
 * The front thread's counters: a few typed arrays, so a hit allocates
 * nothing and costs a handful of additions. Routes are indices into a fixed
 * list the main thread knows the labels of (cachedRoutes).
 *
 * @example const hits = hitCounter(routes.length); hits.record(0, 200, false, 0); hits.snapshot().results[0] // 1
 */
export function hitCounter(routeCount: number) {
  const width = durationBounds.length + 1;
  const results = new Float64Array(2);
  const buckets = new Float64Array(routeCount * hitStatuses.length * width);
  const sums = new Float64Array(routeCount * hitStatuses.length);
  return {
    /** One hit on `route` answered with `status`, `ms` milliseconds from the request to the reply. */
    record(route: number, status: number, stale: boolean, ms: number): void {
      results[stale ? 1 : 0]++;
      const series = route * hitStatuses.length + (status === 304 ? 1 : 0);
      // Wall-clock milliseconds (the front reads Date.now() anyway): a clock step back must not count as negative.
      const seconds = ms > 0 ? ms / 1000 : 0;
      buckets[series * width + bucketIndex(durationBounds, seconds)]++;
      sums[series] += seconds;
    },
    /** Copies, to post to the main thread. */
    snapshot(): HitCounts {
      return { results: results.slice(), buckets: buckets.slice(), sums: sums.slice() };
    },
  };
}
