import { execFile } from "node:child_process";
import { join } from "node:path";
import { childEnv, repoRoot } from "./candor-process.ts";

/** The bundle `npm i -g` and `npx candor` run (package.json `bin`), built by the tests' global setup. */
export const cliBin = join(repoRoot, "dist", "cli", "candor.mjs");
export const nodeBin = join(repoRoot, "node_modules", ".bin", "node");

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
export type CliRun = { code: number; stdout: string; stderr: string; json: () => any };

/**
 * Runs `candor <args>` as a subprocess (no terminal: stdin is a pipe), with
 * the given environment on top of a clean one: no CANDOR_* from outside, and
 * a config directory of the caller's choosing.
 */
export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<CliRun> {
  const base = childEnv({});
  for (const name of Object.keys(base)) if (name.startsWith("CANDOR_") || name === "XDG_CONFIG_HOME") delete base[name];
  return new Promise((resolve, reject) => {
    const child = execFile(
      nodeBin,
      [cliBin, ...args],
      { cwd: repoRoot, env: { ...base, ...env }, timeout: 20_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : null) : 0;
        if (code === null) return reject(err);
        resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) });
      },
    );
    child.stdin?.end(input ?? "");
  });
}
