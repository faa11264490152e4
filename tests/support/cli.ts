import { execFile } from "node:child_process";
import { join } from "node:path";
import { api, childEnv, killAll, removeDir, repoRoot, startCandor, tempDir } from "./candor-process.ts";
import { nodeEntry } from "./log-file.ts";
import { freePort } from "./postgres-server.ts";

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

/** The admin key the CLI tests' Candor processes start with. */
export const cliAdminToken = "e2e-cli-admin-token-0123456789abcdef";

export type CliServer = Awaited<ReturnType<typeof startForCli>>;

/**
 * One Candor process (the bundle, as `npm start` runs it) for a CLI test
 * file, with a temp DATA_DIR (PGlite unless `extra` gives DATABASE_URL) that
 * is also the CLI's config directory, and the components given; `cli` runs
 * the command against it with the admin key.
 */
export async function startForCli(prefix: string, extra: Record<string, string>, components: [string, string][]) {
  const dir = tempDir(prefix);
  const candor = await startCandor(
    {
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      DATA_DIR: dir,
      CANDOR_ADMIN_TOKEN: cliAdminToken,
      LOG_CHANNEL: "off",
      ...extra,
    },
    nodeEntry,
  );
  const env = { CANDOR_URL: candor.baseUrl, CANDOR_API_KEY: cliAdminToken, XDG_CONFIG_HOME: dir, TZ: "UTC" };
  const call = (method: string, path: string, body?: unknown) =>
    api(candor.baseUrl, method, path, { key: cliAdminToken, body });
  for (const [slug, name] of components) await call("POST", "/api/v1/components", { slug, name });
  return {
    candor,
    dir,
    env,
    call,
    cli: (args: string[], more: Record<string, string> = {}) => runCli(args, { ...env, ...more }),
    stop: async () => {
      await killAll();
      removeDir(dir);
    },
  };
}
