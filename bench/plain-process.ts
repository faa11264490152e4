// The page-load benchmark's yardstick as the benchmark drives it: the plain
// node:http server (bench/plain-server.ts) in a process of its own, fed the
// bytes exactly as Candor sent them for the same request.
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { repoRoot } from "../tests/support/candor-process.ts";
import { nodeEntry } from "../tests/support/log-file.ts";

export type Plain = { baseUrl: string; pid: number | undefined; reload: () => Promise<void>; stop: () => void };

/**
 * The plain server on the routes in `file`; `reload` makes it read the file again.
 * Started as Candor is (detached: a session and process group of its own), so
 * the scheduler treats both alike: with Linux's autogroups, a server in the
 * benchmark's own session shares a group with wrk and, on a busy machine, was
 * served up to twice as fast as the same code in a session of its own.
 */
export async function startPlain(file: string): Promise<Plain> {
  const child: ChildProcess = spawn(
    nodeEntry[0],
    [...nodeEntry.slice(1, -1), join(repoRoot, "bench", "plain-server.ts"), file],
    {
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
      env: { ...process.env, NODE_OPTIONS: process.env.PAGELOAD_PLAIN_NODE_OPTIONS ?? "" },
    },
  );
  // Detached, it would outlive a benchmark that crashes.
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const waiting: { resolve: (line: string) => void; reject: (err: Error) => void }[] = [];
  lines.on("line", (line) => waiting.shift()?.resolve(line));
  child.once("exit", () => {
    for (const w of waiting.splice(0)) w.reject(new Error("the plain server exited"));
  });
  const nextLine = () => new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
  const [key, port] = (await nextLine()).split(" ");
  if (key !== "port") throw new Error(`the plain server did not start: ${key}`);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async reload() {
      const reloaded = nextLine();
      child.kill("SIGHUP");
      await reloaded;
    },
    stop: () => {
      process.off("exit", kill);
      child.kill("SIGTERM");
    },
  };
}

/** Writes `file` for the plain server: the bytes Candor answers now for each of `paths`; returns their sizes. */
export async function captureRoutes(
  baseUrl: string,
  paths: readonly string[],
  acceptEncoding: string,
  file: string,
): Promise<Record<string, number>> {
  const routes: Record<string, { status: number; headers: Record<string, string>; body: string }> = {};
  const sizes: Record<string, number> = {};
  for (const path of paths) {
    const raw = await rawBody(baseUrl, path, acceptEncoding);
    if (raw.status !== 200) throw new Error(`GET ${path}: ${raw.status}`);
    routes[path] = { status: 200, headers: raw.headers, body: raw.body.toString("base64") };
    sizes[path] = raw.body.byteLength;
  }
  writeFileSync(file, JSON.stringify(routes));
  return sizes;
}

/** The response exactly as sent (compressed body and headers), through node:http. */
export function rawBody(
  baseUrl: string,
  path: string,
  encoding: string,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { headers: { "accept-encoding": encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (typeof v === "string" && k !== "date" && k !== "connection" && k !== "keep-alive") headers[k] = v;
        }
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
    });
    req.on("error", reject);
    req.end();
  });
}
