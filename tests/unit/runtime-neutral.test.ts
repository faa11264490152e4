import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

/** Every module src/app.ts reaches through relative imports, with the packages they import. */
function importGraph(entry: string) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, spec] of readFileSync(file, "utf8").matchAll(/^(?:import|export)[^'"]*?from\s+["']([^"']+)["']/gm)) {
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

describe("src/app.ts", () => {
  it("Should reach no Node built-in module, so the Workers entry can serve the same app", () => {
    const { files, packages } = importGraph(resolve(root, "src/app.ts"));
    expect(files.size).toBeGreaterThan(10);
    const builtins = [...packages].filter((p) => p.startsWith("node:") || builtinModules.includes(p.split("/")[0]));
    expect(builtins).toEqual([]);
    expect([...files].some((f) => f.includes("/src/entry/") || f.endsWith("open-node.ts"))).toBe(false);
  });
});
