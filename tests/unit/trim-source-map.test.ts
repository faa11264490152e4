import { describe, expect, it } from "vitest";
import { decodeMappings, encodeMappings, trimMappings } from "../../scripts/trim-source-map.ts";

describe("trimMappings", () => {
  const sources = ["src/a.ts", "node_modules/dep/index.js"];
  const drop = (s: string) => s.includes("node_modules/");

  it("Should read and write mappings back unchanged", () => {
    const mappings = "AAAA,IAAI,EAAE;AACA,CAAC,EAAE;;AACAA";
    expect(encodeMappings(decodeMappings(mappings))).toBe(mappings);
    expect(decodeMappings(mappings)[0]).toEqual([
      [0, 0, 0, 0],
      [4, 0, 0, 4],
      [6, 0, 0, 6],
    ]);
  });

  it("Should keep our segments, and make a run of a dependency's on one line one unmapped segment", () => {
    const mappings = encodeMappings([
      [
        [0, 0, 0, 0],
        [3, 1, 10, 0],
        [7, 1, 10, 4, 2],
        [9, 1, 11, 0],
        [15, 0, 1, 0],
      ],
      [[0, 1, 12, 0]],
      [
        [0, 0, 2, 0, 1],
        [5, 0, 2, 5],
      ],
    ]);
    expect(decodeMappings(trimMappings(mappings, sources, drop))).toEqual([
      [[0, 0, 0, 0], [3], [15, 0, 1, 0]],
      [[0]],
      [
        [0, 0, 2, 0, 1],
        [5, 0, 2, 5],
      ],
    ]);
  });

  it("Should leave a map with nothing to drop as it was", () => {
    const mappings = encodeMappings([
      [
        [0, 0, 0, 0],
        [4, 0, 0, 4],
      ],
      [[0, 0, 1, 0]],
    ]);
    expect(trimMappings(mappings, sources, drop)).toBe(mappings);
  });
});
