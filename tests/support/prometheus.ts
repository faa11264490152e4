// Reads a /metrics answer the way Prometheus would: with a parser of the
// text format (parse-prometheus-text-format), not with regular expressions.
// That parser folds a histogram's series into one and drops their labels, so
// histograms are read a second time with their TYPE line saying untyped:
// then each _bucket, _sum and _count line keeps its labels (and, as series
// alternate, each name comes back as several families).
import parsePrometheusTextFormat, { type ParsedFamily, type ParsedMetric } from "parse-prometheus-text-format";

export type Histogram = { buckets: Record<string, number>; count: number; sum: number };

export type Metrics = {
  families: ParsedFamily[];
  /** COUNTER, GAUGE, HISTOGRAM…, or undefined when the family is absent. */
  type: (name: string) => string | undefined;
  /** The sample whose labels are exactly `labels`, or undefined. */
  value: (name: string, labels?: Record<string, string>) => number | undefined;
  /** Every sample of a family with its labels. */
  samples: (name: string) => { labels: Record<string, string>; value: number }[];
  histogram: (name: string, labels?: Record<string, string>) => Histogram | undefined;
};

const sameLabels = (a: Record<string, string> | undefined, b: Record<string, string>) => {
  const left = Object.entries(a ?? {}).sort();
  const right = Object.entries(b).sort();
  return JSON.stringify(left) === JSON.stringify(right);
};

/**
 * Parses exposition text; throws when a family appears twice (Prometheus
 * refuses such a scrape).
 *
 * @example const m = parseMetrics(await res.text()); m.value("candor_incidents_open") // 1
 */
export function parseMetrics(text: string): Metrics {
  const families = parsePrometheusTextFormat(text);
  const seen = new Set<string>();
  for (const f of families) {
    if (seen.has(f.name)) throw new Error(`the metric family ${f.name} appears twice`);
    seen.add(f.name);
  }
  const family = (name: string) => families.find((f) => f.name === name);
  const find = (name: string, labels: Record<string, string>): ParsedMetric | undefined =>
    family(name)?.metrics.find((m) => sameLabels(m.labels, labels));
  const lines = parsePrometheusTextFormat(text.replace(/^(# TYPE \S+) histogram$/gm, "$1 untyped"));
  const linesOf = (name: string) => lines.filter((f) => f.name === name).flatMap((f) => f.metrics);
  const line = (name: string, labels: Record<string, string>) =>
    linesOf(name).find((m) => sameLabels(m.labels, labels));
  return {
    families,
    type: (name) => family(name)?.type,
    value(name, labels = {}) {
      const found = find(name, labels);
      return found?.value === undefined ? undefined : Number(found.value);
    },
    samples: (name) => (family(name)?.metrics ?? []).map((m) => ({ labels: m.labels ?? {}, value: Number(m.value) })),
    histogram(name, labels = {}) {
      if (family(name)?.type !== "HISTOGRAM") return undefined;
      const count = line(`${name}_count`, labels);
      if (!count) return undefined;
      const buckets: Record<string, number> = {};
      for (const m of linesOf(`${name}_bucket`)) {
        const { le, ...rest } = m.labels ?? {};
        if (le !== undefined && sameLabels(rest, labels)) buckets[le] = Number(m.value);
      }
      return { buckets, count: Number(count.value), sum: Number(line(`${name}_sum`, labels)?.value) };
    },
  };
}
