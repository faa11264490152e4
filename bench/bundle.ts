// The Workers bundle: `wrangler deploy --dry-run --minify` built offline, its
// size uncompressed and gzipped (what Cloudflare's 1 MiB-compressed / 10 MiB
// limits and the 1 MiB-uncompressed target are about), and what is
// in it, by package, from esbuild's metafile. Deterministic: one run.
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { removeDir, repoRoot, tempDir } from "../tests/support/candor-process.ts";
import type { Benchmark } from "./run.ts";
import { markdownTable } from "./startup.ts";

const kib = (bytes: number) => (bytes / 1024).toFixed(1);

/** node_modules/<package> or the first two path segments of our own files. */
function owner(file: string): string {
  const at = file.lastIndexOf("node_modules/");
  if (at < 0) return file.split("/").slice(0, 2).join("/");
  const parts = file.slice(at + "node_modules/".length).split("/");
  return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}

export const bundle: Benchmark = {
  name: "bundle",
  async run({ log }) {
    const out = tempDir("candor-bench-bundle-");
    try {
      log("bundle: wrangler deploy --dry-run --minify (offline)");
      const result = spawnSync(
        join(repoRoot, "node_modules/.bin/node"),
        [
          join(repoRoot, "node_modules/wrangler/bin/wrangler.js"),
          "deploy",
          "--dry-run",
          "--outdir",
          out,
          "--minify",
          "--metafile",
          join(out, "meta.json"),
        ],
        {
          cwd: repoRoot,
          encoding: "utf8",
          env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true" },
        },
      );
      if (result.status !== 0) throw new Error(`wrangler failed:\n${result.stdout}\n${result.stderr}`);
      const code = readFileSync(join(out, "worker.js"));
      const size = statSync(join(out, "worker.js")).size;
      const gzip = gzipSync(code, { level: 9 }).length;
      const meta = JSON.parse(readFileSync(join(out, "meta.json"), "utf8")) as {
        outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
      };
      const byOwner = new Map<string, number>();
      for (const output of Object.values(meta.outputs)) {
        for (const [file, input] of Object.entries(output.inputs)) {
          byOwner.set(owner(file), (byOwner.get(owner(file)) ?? 0) + input.bytesInOutput);
        }
      }
      const top = [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 15);
      return [
        "## Workers bundle",
        "",
        "`wrangler deploy --dry-run --outdir <dir> --minify`, offline, from `wrangler.toml` (aliases included).",
        "",
        markdownTable(
          ["Bundle", "Bytes", "KiB"],
          [
            ["worker.js, minified", String(size), kib(size)],
            ["worker.js, gzip -9", String(gzip), kib(gzip)],
          ],
          [false, true, true],
        ),
        "",
        "Target: under 1 MiB (1,048,576 bytes) uncompressed, minified.",
        "",
        "Largest parts (minified bytes in the bundle):",
        "",
        markdownTable(
          ["Part", "KiB"],
          top.map(([name, bytes]) => [name, kib(bytes)]),
          [false, true],
        ),
      ].join("\n");
    } finally {
      removeDir(out);
    }
  },
};
