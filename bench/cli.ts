// The `candor` CLI's start-up: `candor --help` (the entry chunk only) and
// `candor status --json` against a local Candor process with one open
// incident (the status chunk, the typed client, six requests), each spawned
// 20 times, interleaved with a floor of `node -e 0` in the same run: what
// Node itself costs before any of the CLI's code. All three on the project's
// Node 24 (node_modules/.bin/node), the bundle as `npm i -g` installs it.
// Each is spawned without blocking this process (not spawnSync): Candor's
// output pipe, which this process reads, must not fill up meanwhile.
import { spawn } from "node:child_process";
import { cliBin, nodeBin, startForCli } from "../tests/support/cli.ts";
import type { Benchmark } from "./run.ts";
import { markdownTable } from "./startup.ts";

const runs = 20;

/** Wall time from spawn to exit, in ms; a non-zero exit throws. */
function timed(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(nodeBin, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      if (code === 0) resolve(ms);
      else reject(new Error(`node ${args.join(" ")} exited ${code}: ${err}`));
    });
  });
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export const cli: Benchmark = {
  name: "cli",
  async run({ log }) {
    const server = await startForCli("candor-bench-cli-", {}, [["api", "API"]]);
    try {
      await server.call("POST", "/api/v1/incidents", {
        title: "API errors",
        message: "Looking.",
        components: { api: "major_outage" },
        next_update_in: "PT1H",
      });
      const env = { ...process.env, ...server.env };
      const commands = [
        { name: "node -e 0 (floor)", args: ["-e", "0"] },
        { name: "candor --help", args: [cliBin, "--help"] },
        { name: "candor status --json", args: [cliBin, "status", "--json"] },
      ];
      const samples = commands.map(() => [] as number[]);
      for (let i = 0; i < runs; i++) {
        for (const [k, c] of commands.entries()) samples[k].push(await timed(c.args, env));
        log(`cli: run ${i + 1}/${runs}`);
      }
      const rows = commands.map((c, k) => {
        const sorted = [...samples[k]].sort((a, b) => a - b);
        const median = quantile(sorted, 0.5);
        const floor = quantile(
          [...samples[0]].sort((a, b) => a - b),
          0.5,
        );
        return [
          c.name,
          median.toFixed(0),
          quantile(sorted, 0.9).toFixed(0),
          sorted[0].toFixed(0),
          k === 0 ? "" : (median - floor).toFixed(0),
        ];
      });
      return [
        `### CLI start-up (${runs} runs each, interleaved, ${new Date().toISOString().slice(0, 16)}Z)`,
        "",
        markdownTable(["command", "median ms", "p90 ms", "min ms", "median over the floor"], rows, [
          false,
          true,
          true,
          true,
          true,
        ]),
      ].join("\n");
    } finally {
      await server.stop();
    }
  },
};
