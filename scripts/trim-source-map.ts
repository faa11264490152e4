// Keeps only Candor's own code in a bundle's source map. With
// --enable-source-maps, Node parses the whole map when the bundle loads: for
// dist/node.mjs (1.9 MB of mappings, three quarters of them into
// node_modules) that was 180 ms of a 0.7 s start (BENCHMARKS.md, "Startup").
// Stack frames in our code still point at src/; frames in a dependency point
// at the bundle, where esbuild's `// node_modules/...` comments name the file.
import { readFileSync, writeFileSync } from "node:fs";

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const digit = new Map([...alphabet].map((c, i) => [c, i]));

/** The signed integers of one base64 VLQ segment. */
function decodeSegment(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const d = digit.get(c) as number;
    value += (d & 31) << shift;
    if (d & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeValue(n: number): string {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = "";
  do {
    let d = v & 31;
    v >>>= 5;
    if (v) d |= 32;
    out += alphabet[d];
  } while (v);
  return out;
}

/** One segment with absolute values: [generated column] (unmapped) or [column, source, line, column, name?]. */
export type Segment = number[];

/** A map's `mappings` as absolute segments, line by line. */
export function decodeMappings(mappings: string): Segment[][] {
  const carried = [0, 0, 0, 0]; // source, line, column, name: carried across lines
  return mappings.split(";").map((line) => {
    let column = 0;
    if (!line) return [];
    return line.split(",").map((text) => {
      const v = decodeSegment(text);
      column += v[0];
      if (v.length < 4) return [column];
      for (let i = 1; i < v.length; i++) carried[i - 1] += v[i];
      return [column, ...carried.slice(0, v.length - 1)];
    });
  });
}

/** Absolute segments back to `mappings`, each value relative to the one written before it. */
export function encodeMappings(lines: Segment[][]): string {
  const last = [0, 0, 0, 0];
  return lines
    .map((line) => {
      let column = 0;
      return line
        .map((segment) => {
          let out = encodeValue(segment[0] - column);
          column = segment[0];
          for (let i = 1; i < segment.length; i++) {
            out += encodeValue(segment[i] - last[i - 1]);
            last[i - 1] = segment[i];
          }
          return out;
        })
        .join(",");
    })
    .join(";");
}

/**
 * Rewrites `mappings` so that segments from the sources `drop` says to drop
 * become unmapped (a generated column alone), and the rest stay as they
 * were. A run of them on one line becomes one unmapped segment: its first
 * column says where the unmapped code starts, which is all a lookup needs,
 * and the parser's cost is per segment.
 *
 * @example trimMappings(encodeMappings([[[0, 1, 0, 0], [4, 0, 2, 0]]]), ["a.ts", "node_modules/b.js"], (s) => s.includes("node_modules/"))
 */
export function trimMappings(mappings: string, sources: string[], drop: (source: string) => boolean): string {
  const lines = decodeMappings(mappings).map((line) => {
    const kept: Segment[] = [];
    for (const segment of line) {
      const unmapped = segment.length < 4 || drop(sources[segment[1]]);
      const previous = kept.at(-1);
      // Another unmapped segment right after one says nothing new.
      if (unmapped && previous && previous.length < 4) continue;
      kept.push(unmapped ? [segment[0]] : segment);
    }
    return kept;
  });
  return encodeMappings(lines);
}

/** Trims the map at `path` in place: mappings into node_modules unmapped, their sources' content dropped. */
export function trimSourceMap(path: string): void {
  const map = JSON.parse(readFileSync(path, "utf8")) as {
    sources: string[];
    sourcesContent?: (string | null)[];
    mappings: string;
  };
  const drop = (source: string) => source.includes("node_modules/");
  map.mappings = trimMappings(map.mappings, map.sources, drop);
  if (map.sourcesContent) map.sourcesContent = map.sourcesContent.map((c, i) => (drop(map.sources[i]) ? null : c));
  writeFileSync(path, JSON.stringify(map));
}
