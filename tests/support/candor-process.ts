import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readAnswer } from "./http.ts";
import { sleep, waitFor } from "./wait.ts";

/** The repository root, where `npm start` runs. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type CandorProcess = {
  child: ChildProcess;
  /** The process group: npm and everything it started (sh, node). */
  pgid: number;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once the process has exited and its output is fully read. */
  exited: Promise<Exit>;
  hasExited: () => boolean;
};

const live = new Set<CandorProcess>();

// Detached children outlive this process unless killed: if the test worker
// exits without running the hooks (a crash, a timeout), take them along.
process.once("exit", () => {
  for (const p of live) {
    try {
      process.kill(-p.pgid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
});

/** Environment for a child: this one's, less anything that would change which database or key Candor uses. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["PORT", "HOST", "DATABASE_URL", "DATA_DIR", "PUBLIC_URL", "CANDOR_ADMIN_TOKEN", "PAGE_NAME"]) {
    delete env[name];
  }
  // Tests' webhook receivers listen on 127.0.0.1; a test of refusals passes WEBHOOK_ALLOW_PRIVATE=off.
  return { ...env, WEBHOOK_ALLOW_PRIVATE: "on", ...extra };
}

/**
 * Starts Candor in a process group of its own (detached), so that killing the
 * group reaches npm, the shell npm runs scripts with, and node. `command` is
 * the argv; by default the README's `npm start`.
 */
export function spawnCandor(env: Record<string, string>, command: string[] = ["npm", "start"]): CandorProcess {
  const child = spawn(command[0], command.slice(1), {
    cwd: repoRoot,
    env: childEnv(env),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let done = false;
  // Kept whole up to a bound: a benchmark's access lines (millions) are read off the pipe, as a log
  // shipper would, and dropped; no test writes anywhere near this much.
  const keptOut = 8 * 1024 * 1024;
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    if (out.length < keptOut) out += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<Exit>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  if (child.pid === undefined) throw new Error(`could not spawn ${command.join(" ")}`);
  const proc: CandorProcess = {
    child,
    pgid: child.pid,
    stdout: () => out,
    stderr: () => err,
    exited,
    hasExited: () => done,
  };
  live.add(proc);
  void exited.finally(() => live.delete(proc)).catch(() => {});
  return proc;
}

/** Polls stdout until `pattern` matches; fails early, with the output, if the process exits first. */
export async function waitForOutput(
  proc: CandorProcess,
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = proc.stdout().match(pattern);
    if (match) return match;
    if (proc.hasExited()) {
      throw new Error(
        `process exited before printing ${pattern}\nstdout:\n${proc.stdout()}\nstderr:\n${proc.stderr()}`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(`no ${pattern} within ${timeoutMs} ms\nstdout:\n${proc.stdout()}\nstderr:\n${proc.stderr()}`);
    }
    await sleep(50);
  }
}

/** Linux: the processes whose process group is `pgid`, read from /proc. */
export function processesInGroup(pgid: number): { pid: number; argv: string[] }[] {
  const found: { pid: number; argv: string[] }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] === "Z" || Number(fields[2]) !== pgid) continue;
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean);
      found.push({ pid: Number(entry), argv });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** The node process running Candor's entry inside the group (npm runs it through sh). */
export function findCandorNode(proc: CandorProcess): number {
  const node = processesInGroup(proc.pgid).find(
    (p) =>
      /(^|\/)node$/.test(p.argv[0] ?? "") &&
      p.argv.some(
        (a) => a.endsWith("dist/start.mjs") || a.endsWith("dist/node.mjs") || a.endsWith("src/entry/node.ts"),
      ),
  );
  if (!node) {
    throw new Error(`no node process in group ${proc.pgid}: ${JSON.stringify(processesInGroup(proc.pgid))}`);
  }
  return node.pid;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stops Candor the way a supervisor would: SIGTERM to the node process itself.
 * (SIGTERM to the whole group also stops node, but kills the `sh -c` that npm
 * runs the script with, so npm then exits 143 whatever node did; SIGTERM to npm
 * alone kills that sh and leaves node running, orphaned.) Returns npm's exit,
 * which is node's exit code passed through.
 */
export async function stopGracefully(proc: CandorProcess, timeoutMs = 20_000): Promise<Exit & { nodePid: number }> {
  const nodePid = findCandorNode(proc);
  process.kill(nodePid, "SIGTERM");
  const exit = await withTimeout(proc.exited, timeoutMs, "no exit after SIGTERM");
  return { ...exit, nodePid };
}

/** SIGKILLs the whole group (npm, sh, node) and waits until none of it is left. */
export async function killGroup(proc: CandorProcess, timeoutMs = 10_000): Promise<void> {
  try {
    process.kill(-proc.pgid, "SIGKILL");
  } catch {
    // ESRCH: the group is already gone.
  }
  const deadline = Date.now() + timeoutMs;
  while (processesInGroup(proc.pgid).length > 0) {
    if (Date.now() > deadline) throw new Error(`process group ${proc.pgid} still alive after SIGKILL`);
    await sleep(50);
  }
  await withTimeout(proc.exited, timeoutMs, "no close after SIGKILL").catch(() => {});
}

/** Kills every process group this module started that is still running. For afterEach/afterAll. */
export async function killAll(): Promise<void> {
  await Promise.all([...live].map((p) => killGroup(p)));
}

export type RunningCandor = {
  proc: CandorProcess;
  baseUrl: string;
  /** The "ready in N ms" the process reported. */
  readyMs: number;
  /** Waits for the admin key line that a first start prints after the banner. */
  adminKey: (timeoutMs?: number) => Promise<string>;
};

export const adminKeyLine = /Admin API key \(shown once, store it now\): (cnd_\S+)/;

/** Spawns Candor and waits for its "Candor listening" line. */
export async function startCandor(env: Record<string, string>, command?: string[]): Promise<RunningCandor> {
  const proc = spawnCandor(env, command);
  try {
    const [, url, readyMs] = await waitForOutput(proc, /Candor listening on (http:\/\/\S+) with .*, ready in (\d+) ms/);
    // The banner's last line (the database one, when it is down, comes after it).
    await waitForOutput(proc, /"msg":"X: [^\n]*\n/);
    return {
      proc,
      baseUrl: url,
      readyMs: Number(readyMs),
      adminKey: async (timeoutMs = 5_000) => (await waitForOutput(proc, adminKeyLine, timeoutMs))[1],
    };
  } catch (err) {
    await killGroup(proc);
    throw err;
  }
}

/** A fresh temp directory; remove it with rmSync when done. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** fetch + JSON, with the key as a Bearer token when given. */
export async function api(
  baseUrl: string,
  method: string,
  path: string,
  options: { key?: string; body?: unknown } = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
): Promise<{ status: number; json: any; text: string }> {
  const headers: Record<string, string> = {};
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(baseUrl + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const { status, json, text } = await readAnswer(res);
  return { status, json, text };
}

// Kept importable from here, where the e2e tests have always found it.
export { waitFor };

/** A process's log lines (JSON, LOG_FORMAT's default off a terminal); lines that are not JSON (the admin key) are left out. */
// biome-ignore lint/suspicious/noExplicitAny: tests read whatever fields a line has
export function logLines(output: string): Record<string, any>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
}

/** The `msg` of each log line, in order. */
export function logMessages(output: string): string[] {
  return logLines(output).map((l) => String(l.msg));
}
