/** One line of a metric family: `metricName` (default: the family's name), its labels and its value. */
export type Sample = { metricName?: string; labels: Record<string, string>; value: number };

/**
 * A metric family as plain data, the shape prom-client's registry formats:
 * what the database said at scrape time, or counts merged from two threads,
 * which prom-client's own Counter and Histogram cannot be set to.
 */
export type MetricFamily = {
  name: string;
  help: string;
  type: "counter" | "gauge" | "histogram";
  values: Sample[];
};

/**
 * A histogram's samples as Prometheus reads them: one `_bucket` per bound
 * and `+Inf`, counting everything at or below it, then `_sum` and `_count`.
 * `perBucket` holds how many fell in each bucket alone (bounds.length + 1 of
 * them, the last above every bound).
 *
 * @example histogramSamples("x_seconds", { route: "/" }, [0.1, 1], [3, 1, 0], 0.9) // x_seconds_bucket{le="0.1"} 3, {le="1"} 4, {le="+Inf"} 4, sum 0.9, count 4
 */
export function histogramSamples(
  name: string,
  labels: Record<string, string>,
  bounds: readonly number[],
  perBucket: ArrayLike<number>,
  sum: number,
): Sample[] {
  const samples: Sample[] = [];
  let running = 0;
  for (let i = 0; i <= bounds.length; i++) {
    running += perBucket[i] ?? 0;
    const le = i < bounds.length ? String(bounds[i]) : "+Inf";
    samples.push({ metricName: `${name}_bucket`, labels: { ...labels, le }, value: running });
  }
  samples.push({ metricName: `${name}_sum`, labels, value: sum });
  samples.push({ metricName: `${name}_count`, labels, value: running });
  return samples;
}

/**
 * The bucket a value falls in: the first bound at or above it, or
 * `bounds.length` (+Inf) when it is above them all.
 *
 * @example bucketIndex([0.1, 1], 0.5) // 1
 */
export function bucketIndex(bounds: readonly number[], value: number): number {
  let i = 0;
  while (i < bounds.length && value > bounds[i]) i++;
  return i;
}
