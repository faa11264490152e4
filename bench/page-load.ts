// Outage-day traffic, measured with wrk (a C client: it needs far less CPU
// per request than either server, so on two cores it does not saturate first
// and hide the difference, as autocannon in Node did). Candor runs in its own
// process on Postgres with a real history: 10 components, 300 incidents over
// the past 90 days (two still open), each with a few updates. The yardstick is
// a plain node:http server (bench/plain-server.ts) in its own process
// returning, from memory, the bytes and headers Candor returned for the same
// request (the same brotli body), started detached as Candor is. Rounds
// alternate Candor, plain, Candor, plain... so both see the same machine; the
// ratio is taken per round, next to each server's CPU time per request (less
// sensitive to what else the machine runs).
// Then the same again while an engineer posts an update every second, so
// renders happen during the run.
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { delimiter, join } from "node:path";
import { createInterface } from "node:readline";
import { api, removeDir, repoRoot, tempDir } from "../tests/support/candor-process.ts";
import { nodeEntry } from "../tests/support/log-file.ts";
import { benchToken, type CandorOnPostgres, startCandorOnPostgres } from "./candor-on-postgres.ts";
import type { Benchmark } from "./run.ts";
import { markdownTable } from "./startup.ts";

const threads = Number(process.env.PAGELOAD_THREADS ?? 2);
const connections = Number(process.env.PAGELOAD_CONNECTIONS ?? 50);
const durationS = Number(process.env.PAGELOAD_SECONDS ?? 10);
const rounds = Number(process.env.PAGELOAD_ROUNDS ?? 5);
const incidentCount = Number(process.env.PAGELOAD_INCIDENTS ?? 300);
const paths = (process.env.PAGELOAD_PATHS ?? "/,/api/v2/summary.json").split(",");
const phases = (process.env.PAGELOAD_PHASES ?? "quiet,updates").split(",");
const writeEveryMs = 1000;
/** What Chrome sends. */
const acceptEncoding = "gzip, deflate, br, zstd";

type Load = {
  rps: number;
  p50: number;
  p99: number;
  bytesPerReq: number;
  errors: number;
  cpuUsPerReq: number;
  /** CPU µs per request by thread name (main: the JavaScript thread). */
  threads: Record<string, number>;
};

/** CPU time (user + system) each thread of a process has used, in µs, by thread name, from /proc (Linux; empty elsewhere). */
function threadCpuUs(pid: number | undefined): Map<string, number> {
  const byName = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const name = tid === String(pid) ? "main" : stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
      const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
      const us = ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6;
      byName.set(name, (byName.get(name) ?? 0) + us);
    }
  } catch {
    // Not Linux, or the process is gone.
  }
  return byName;
}

/** CPU µs per request between two readings, in all and by thread name; NaN where /proc is missing. */
function perRequest(before: Map<string, number>, after: Map<string, number>, requests: number) {
  const threads: Record<string, number> = {};
  let all = 0;
  for (const [name, us] of after) {
    const used = (us - (before.get(name) ?? 0)) / Math.max(1, requests);
    threads[name] = used;
    all += used;
  }
  return { cpuUsPerReq: after.size ? all : Number.NaN, threads };
}

/** wrk's own report, as one JSON line (its `done` hook sees the latency histogram). */
const reportScript = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p99_us":%d,"errors":%d}\\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
`;

/** wrk on PATH, or an error saying how to get it. */
export function findWrk(): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "wrk");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  throw new Error(
    "page-load needs wrk (a C HTTP load generator) on PATH: `apt-get install -y wrk` on Debian/Ubuntu, `brew install wrk` on macOS",
  );
}

function runWrk(
  wrk: string,
  script: string,
  url: string,
  serverPid: number | undefined,
  seconds = durationS,
): Promise<Load> {
  const cpuBefore = threadCpuUs(serverPid);
  return new Promise((resolve, reject) => {
    const child = spawn(
      wrk,
      [
        `-t${threads}`,
        `-c${connections}`,
        `-d${seconds}s`,
        "--timeout",
        "5s",
        "-s",
        script,
        "-H",
        `Accept-Encoding: ${acceptEncoding}`,
        url,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      out += s;
    });
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      err += s;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("WRKJSON "));
      if (code !== 0 || !line) {
        reject(new Error(`wrk exited ${code}: ${err || out}`));
        return;
      }
      const r = JSON.parse(line.slice("WRKJSON ".length));
      resolve({
        rps: r.requests / (r.duration_us / 1e6),
        p50: r.p50_us / 1000,
        p99: r.p99_us / 1000,
        bytesPerReq: Math.round(r.bytes / Math.max(1, r.requests)),
        errors: r.errors,
        ...perRequest(cpuBefore, threadCpuUs(serverPid), r.requests),
      });
    });
  });
}

type Plain = { baseUrl: string; pid: number | undefined; reload: () => Promise<void>; stop: () => void };

/**
 * The plain server on the routes in `file`; `reload` makes it read the file again.
 * Started as Candor is (detached: a session and process group of its own), so
 * the scheduler treats both alike: with Linux's autogroups, a server in the
 * benchmark's own session shares a group with wrk and, on a busy machine, was
 * served up to twice as fast as the same code in a session of its own.
 */
async function startPlain(file: string): Promise<Plain> {
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

const components = [
  ["api", "API", "Core"],
  ["web", "Web app", "Core"],
  ["auth", "Sign-in", "Core"],
  ["search", "Search", "Core"],
  ["payments", "Payments", "Core"],
  ["email", "Email delivery", "Integrations"],
  ["webhooks", "Webhooks", "Integrations"],
  ["cdn", "CDN", "Integrations"],
  ["mobile", "Mobile push", "Integrations"],
  ["status-api", "Public API (v1)", "Integrations"],
] as const;

const causes = [
  "elevated error rates on a share of requests",
  "slow responses in one region",
  "timeouts for a subset of customers",
  "delayed processing after a queue backlog",
  "failed logins for some accounts",
];

/**
 * A realistic history through the API (the code paths an engineer uses):
 * `count` incidents, each declared, updated once or twice and, all but the
 * last two, resolved; then their times moved back so they spread over the
 * past 90 days. Returns the ids of the open ones.
 */
async function seed(c: CandorOnPostgres, count: number, log: (l: string) => void): Promise<string[]> {
  const call = async (method: string, path: string, body: unknown) => {
    const res = await api(c.candor.baseUrl, method, path, { key: benchToken, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.json.data;
  };
  for (const [slug, name, group] of components) {
    await call("POST", "/api/v1/components", { slug, name, group });
  }
  const open: string[] = [];
  const resolved: string[] = [];
  const one = async (i: number) => {
    const [slug] = components[i % components.length];
    const cause = causes[i % causes.length];
    const isOpen = i >= count - 2;
    const { id } = await call("POST", "/api/v1/incidents", {
      title: `${components[i % components.length][1]}: ${cause}`,
      message: `We are seeing ${cause} and are investigating. Next update within 30 minutes.`,
      components: { [slug]: i % 3 === 0 ? "partial_outage" : "degraded_performance" },
      next_update_in: "PT30M",
    });
    await call("POST", `/api/v1/incidents/${id}/updates`, {
      status: "identified",
      message: "We found the cause, a configuration change rolled out this morning, and are reverting it.",
      next_update_in: "PT20M",
    });
    if (isOpen) {
      open.push(id);
      return;
    }
    if (i % 2 === 0) {
      await call("POST", `/api/v1/incidents/${id}/updates`, {
        status: "monitoring",
        message: "The revert is complete and error rates are back to normal. We are watching closely.",
        next_update_in: "PT30M",
      });
    }
    await call("POST", `/api/v1/incidents/${id}/updates`, {
      status: "resolved",
      message: "This incident is resolved. We will publish a short review of what happened.",
    });
    resolved.push(id);
  };
  // Four engineers at once: seeding 300 incidents one by one takes too long.
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < count) {
        const i = next++;
        await one(i);
        if ((i + 1) % 50 === 0) log(`page-load: ${i + 1} incidents seeded`);
      }
    }),
  );
  // Spread the resolved ones over the past 90 days (newest first in `resolved`
  // order), shifting every time of each incident by the same amount.
  const dayS = 86_400;
  const shifts = resolved.map((id, k) => [id, Math.round(((k + 1) / resolved.length) * 89 * dayS)] as const);
  const values = c.sql(shifts.map(([id, s]) => [id, String(s)]));
  await c.sql`
    update incidents i set
      started_at = started_at - make_interval(secs => v.s::int),
      resolved_at = resolved_at - make_interval(secs => v.s::int),
      updated_at = updated_at - make_interval(secs => v.s::int),
      next_update_due_at = next_update_due_at - make_interval(secs => v.s::int)
    from (values ${values}) as v(id, s) where i.id = v.id`;
  await c.sql`
    update incident_updates u set
      created_at = created_at - make_interval(secs => v.s::int),
      next_update_due_at = next_update_due_at - make_interval(secs => v.s::int)
    from (values ${values}) as v(id, s) where u.incident_id = v.id`;
  await c.sql`update components set created_at = created_at - interval '120 days'`;
  return open;
}

/** Writes `routes` for the plain server: the bytes Candor answers now for each path. */
async function capture(baseUrl: string, file: string): Promise<Record<string, number>> {
  const routes: Record<string, { status: number; headers: Record<string, string>; body: string }> = {};
  const sizes: Record<string, number> = {};
  for (const path of paths) {
    const raw = await rawBody(baseUrl, path);
    if (raw.status !== 200) throw new Error(`GET ${path}: ${raw.status}`);
    routes[path] = { status: 200, headers: raw.headers, body: raw.body.toString("base64") };
    sizes[path] = raw.body.byteLength;
  }
  writeFileSync(file, JSON.stringify(routes));
  return sizes;
}

type Row = { phase: string; round: number; path: string; candor: Load; plain: Load; posted: number };

export const pageLoad: Benchmark = {
  name: "page-load",
  async run({ log }) {
    const wrk = findWrk();
    log("page-load: starting Postgres and Candor");
    const c = await startCandorOnPostgres({
      LOG_CHANNEL: "off",
      PAGE_NAME: "Example Status",
      ...(process.env.PAGELOAD_CANDOR_NODE_OPTIONS ? { NODE_OPTIONS: process.env.PAGELOAD_CANDOR_NODE_OPTIONS } : {}),
    });
    const dir = tempDir("candor-bench-page-");
    const script = join(dir, "report.lua");
    writeFileSync(script, reportScript);
    const rows: Row[] = [];
    const sizes: Record<string, Record<string, number>> = {};
    let plain: Plain | undefined;
    try {
      log(`page-load: seeding ${incidentCount} incidents`);
      const open = await seed(c, incidentCount, log);
      const file = join(dir, "routes.json");
      await capture(c.candor.baseUrl, file);
      const uncompressed: string[] = [];
      for (const path of paths)
        uncompressed.push(`\`${path}\` ${(await rawBody(c.candor.baseUrl, path, "identity")).body.byteLength}`);
      plain = await startPlain(file);
      // Both servers warmed up (JIT, first renders) before anything counts.
      for (const path of paths) {
        log(`page-load: warming up ${path}`);
        await runWrk(wrk, script, `${c.candor.baseUrl}${path}`, c.candor.proc.child.pid, 2);
        await runWrk(wrk, script, `${plain.baseUrl}${path}`, plain.pid, 2);
      }
      for (const phase of phases) {
        for (let round = 1; round <= rounds; round++) {
          for (const path of paths) {
            let posted = 0;
            let stop = false;
            let poster: Promise<void> = Promise.resolve();
            if (phase === "updates") {
              // An engineer posting every second: each post is a change the
              // page must show, so Candor renders during the run.
              poster = (async () => {
                while (!stop) {
                  const started = Date.now();
                  const res = await api(c.candor.baseUrl, "POST", `/api/v1/incidents/${open[0]}/updates`, {
                    key: benchToken,
                    body: { message: `Rollback in progress, step ${posted + 1}.`, next_update_in: "PT20M" },
                  });
                  if (res.status === 201) posted++;
                  await new Promise((r) => setTimeout(r, Math.max(0, writeEveryMs - (Date.now() - started))));
                }
              })();
            }
            log(`page-load: ${phase} round ${round} ${path} on Candor`);
            const candor = await runWrk(wrk, script, `${c.candor.baseUrl}${path}`, c.candor.proc.child.pid);
            stop = true;
            await poster;
            // The bytes as they are now (updates make the JSON grow), for the plain server.
            sizes[`${phase} ${round}`] = await capture(c.candor.baseUrl, file);
            await plain.reload();
            log(`page-load: ${phase} round ${round} ${path} on the plain server`);
            const bare = await runWrk(wrk, script, `${plain.baseUrl}${path}`, plain.pid);
            rows.push({ phase, round, path, candor, plain: bare, posted });
            log(
              `page-load:   Candor ${Math.round(candor.rps)} req/s, plain ${Math.round(bare.rps)} req/s: ${pct(candor, bare)}%`,
            );
            log(`page-load:   CPU µs/req by thread: Candor ${threadList(candor)}; plain ${threadList(bare)}`);
          }
        }
      }
      return report(rows, sizes, uncompressed);
    } finally {
      plain?.stop();
      await c.close();
      removeDir(dir);
    }
  },
};

const threadList = (l: Load) =>
  Object.entries(l.threads)
    .filter(([, us]) => us >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => `${name} ${us.toFixed(1)}`)
    .join(", ");
const pct = (a: Load, b: Load) => Math.round((a.rps / b.rps) * 100);
const ms = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(2));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function report(rows: Row[], sizes: Record<string, Record<string, number>>, uncompressed: string[]): string {
  const table = markdownTable(
    [
      "Phase",
      "Round",
      "Path",
      "Candor req/s",
      "p50",
      "p99",
      "CPU µs/req",
      "Plain req/s",
      "p50",
      "p99",
      "CPU µs/req",
      "Body bytes",
      "Errors",
      "Of plain",
    ],
    rows.map((r) => [
      r.phase === "updates" ? `updates (${r.posted} posted)` : r.phase,
      String(r.round),
      r.path,
      String(Math.round(r.candor.rps)),
      ms(r.candor.p50),
      ms(r.candor.p99),
      r.candor.cpuUsPerReq.toFixed(1),
      String(Math.round(r.plain.rps)),
      ms(r.plain.p50),
      ms(r.plain.p99),
      r.plain.cpuUsPerReq.toFixed(1),
      String(sizes[`${r.phase} ${r.round}`]?.[r.path] ?? ""),
      String(r.candor.errors + r.plain.errors),
      `${pct(r.candor, r.plain)}%`,
    ]),
    [false, true, false, true, true, true, true, true, true, true, true, true, true, true],
  );
  const summary = [...new Set(rows.map((r) => `${r.phase}\n${r.path}`))].map((key) => {
    const [phase, path] = key.split("\n");
    const mine = rows.filter((r) => r.phase === phase && r.path === path);
    const ratios = mine.map((r) => pct(r.candor, r.plain));
    const cpu = (l: (r: Row) => Load) => median(mine.map((r) => l(r).cpuUsPerReq)).toFixed(1);
    return (
      `- ${phase}, \`${path}\`: ${ratios.map((x) => `${x}%`).join(", ")} of the plain server (median ${median(ratios)}%; target at least 80%); ` +
      `CPU per request, median: Candor ${cpu((r) => r.candor)} µs, plain ${cpu((r) => r.plain)} µs`
    );
  });
  return [
    "## Page load on outage day",
    "",
    `wrk ${threads} threads, ${connections} connections, ${durationS} s per row, \`accept-encoding: ${acceptEncoding}\` (as Chrome sends).`,
    `Candor (\`node src/entry/node.ts\`) on Postgres 15 with ${components.length} components and ${incidentCount} incidents over`,
    "the past 90 days (two open), each with two to four updates. The plain server is node:http in its own process",
    "returning, from memory, the bytes and headers Candor returned for the same request just before (brotli body).",
    "Each round runs Candor then the plain server, one after the other; both are started detached (a session of their own),",
    "so the scheduler treats them alike. Latencies in ms; body bytes as sent (compressed); CPU µs/req is the server",
    "process's user + system time (all its threads, from /proc) over the requests wrk completed.",
    `Uncompressed bytes before the run: ${uncompressed.join(", ")}.`,
    `"updates": an engineer posts an update to an open incident every ${writeEveryMs / 1000} s during Candor's run.`,
    "",
    table,
    "",
    ...summary,
  ].join("\n");
}

/** The response exactly as sent (compressed body and headers), through node:http. */
function rawBody(
  baseUrl: string,
  path: string,
  encoding = acceptEncoding,
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
