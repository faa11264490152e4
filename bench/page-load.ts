// Outage-day traffic: GET / and GET /api/v2/summary.json, 50 connections for
// 10 s each (autocannon, asking for brotli or gzip as browsers do), against
// (a) the real Candor process on Postgres with an outage on its page and (b) a
// plain node:http server in its own process returning the bytes Candor
// returned, from memory. Then Candor again while an engineer posts an update
// every 100 ms (each one a change the page must show).
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { api, removeDir, tempDir } from "../tests/support/candor-process.ts";
import { nodeEntry } from "../tests/support/log-file.ts";
import { benchToken, startCandorOnPostgres } from "./candor-on-postgres.ts";
import type { Benchmark } from "./run.ts";
import { markdownTable } from "./startup.ts";

const connections = Number(process.env.PAGELOAD_CONNECTIONS ?? 50);
const durationS = Number(process.env.PAGELOAD_SECONDS ?? 10);
const paths = (process.env.PAGELOAD_PATHS ?? "/,/api/v2/summary.json").split(",");
const acceptEncoding = "br, gzip";

type Load = { rps: number; p50: number; p99: number; non2xx: number; errors: number; bytesPerReq: number };

async function load(baseUrl: string, path: string): Promise<Load> {
  const result = await autocannon({
    url: `${baseUrl}${path}`,
    connections,
    duration: durationS,
    headers: { "accept-encoding": acceptEncoding },
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytesPerReq: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
  };
}

async function startPlain(file: string): Promise<{ baseUrl: string; stop: () => void }> {
  const child: ChildProcess = spawn(nodeEntry[0], ["bench/plain-server.ts", file], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const [key, value] = line.split(" ");
    if (key === "port") return { baseUrl: `http://127.0.0.1:${value}`, stop: () => child.kill("SIGTERM") };
  }
  throw new Error("the plain server did not start");
}

export const pageLoad: Benchmark = {
  name: "page-load",
  async run({ log }) {
    log("page-load: starting Postgres and Candor");
    const c = await startCandorOnPostgres({
      LOG_CHANNEL: "off",
      PAGE_NAME: "Example Status",
      ...(process.env.PAGELOAD_CANDOR_NODE_OPTIONS ? { NODE_OPTIONS: process.env.PAGELOAD_CANDOR_NODE_OPTIONS } : {}),
    });
    const dir = tempDir("candor-bench-page-");
    let plain: Awaited<ReturnType<typeof startPlain>> | undefined;
    try {
      const call = async (method: string, path: string, body: unknown) => {
        const res = await api(c.candor.baseUrl, method, path, { key: benchToken, body });
        if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
        return res.json.data;
      };
      // A realistic outage-day page: eight components in two groups, two open
      // incidents with a few updates each, and twenty resolved ones.
      const slugs = ["api", "web", "auth", "search", "payments", "email", "webhooks", "cdn"];
      for (const [i, slug] of slugs.entries()) {
        await call("POST", "/api/v1/components", {
          slug,
          name: slug.toUpperCase(),
          group: i < 4 ? "Core" : "Integrations",
        });
      }
      for (let i = 0; i < 20; i++) {
        const { id } = await call("POST", "/api/v1/incidents", {
          title: `Resolved incident ${i + 1}`,
          message: "We saw elevated errors and are investigating.",
          components: { [slugs[i % slugs.length]]: "degraded_performance" },
          next_update_in: "PT30M",
        });
        await call("POST", `/api/v1/incidents/${id}/updates`, { status: "resolved", message: "Fixed." });
      }
      const open: string[] = [];
      for (const [i, title] of ["Checkout errors", "Slow search results"].entries()) {
        const { id } = await call("POST", "/api/v1/incidents", {
          title,
          message: "We are seeing errors for some customers and are investigating.",
          components: { [slugs[i * 3]]: i ? "degraded_performance" : "partial_outage" },
          eta: new Date(Date.now() + 3_600_000).toISOString(),
        });
        await call("POST", `/api/v1/incidents/${id}/updates`, {
          status: "identified",
          message: "We found a faulty deploy and are rolling it back.",
          next_update_in: "PT20M",
        });
        open.push(id);
      }

      // What Candor answers, byte for byte, for the plain server to repeat.
      const routes: Record<string, { status: number; headers: Record<string, string>; body: string }> = {};
      for (const path of paths) {
        const raw = await rawBody(c.candor.baseUrl, path);
        if (raw.status !== 200) throw new Error(`GET ${path}: ${raw.status}`);
        routes[path] = { status: 200, headers: raw.headers, body: raw.body.toString("base64") };
      }
      const file = join(dir, "routes.json");
      writeFileSync(file, JSON.stringify(routes));
      plain = await startPlain(file);

      const results: Record<string, { candor: Load; plain: Load; busy: Load; plainAfter: Load; posted: number }> = {};
      for (const path of paths) {
        log(`page-load: ${path} on Candor`);
        const candor = await load(c.candor.baseUrl, path);
        log(`page-load: ${path} on the plain server`);
        const bare = await load(plain.baseUrl, path);
        results[path] = { candor, plain: bare, busy: candor, plainAfter: bare, posted: 0 };
      }
      // Then each path again while an engineer posts an update every 100 ms.
      for (const path of paths) {
        log(`page-load: ${path} on Candor with an update every 100 ms`);
        let posted = 0;
        let failed = 0;
        let stop = false;
        const poster = (async () => {
          while (!stop) {
            const started = Date.now();
            await call("POST", `/api/v1/incidents/${open[0]}/updates`, {
              message: `Rollback in progress, step ${++posted}.`,
              next_update_in: "PT20M",
            }).catch(() => failed++);
            await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - started))));
          }
        })();
        const xacts = async () =>
          Number(
            (
              await c.sql<
                { n: string }[]
              >`select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`
            )[0].n,
          );
        const before = await xacts();
        results[path].busy = await load(c.candor.baseUrl, path);
        stop = true;
        await poster;
        log(`page-load: ${(await xacts()) - before} Postgres transactions during that run`);
        results[path].posted = posted;
        log(`page-load: ${posted} updates posted during the run (${failed} failed)`);
        // The updates made the response bigger (the JSON lists every update of
        // an open incident): the plain server again, with the bytes as they are now.
        const now = await rawBody(c.candor.baseUrl, path);
        const afterFile = join(dir, `after-${posted}.json`);
        writeFileSync(
          afterFile,
          JSON.stringify({ [path]: { status: now.status, headers: now.headers, body: now.body.toString("base64") } }),
        );
        const after = await startPlain(afterFile);
        try {
          results[path].plainAfter = await load(after.baseUrl, path);
        } finally {
          after.stop();
        }
      }
      const rows: string[][] = [];
      for (const path of paths) {
        const { candor, plain: bare, busy, plainAfter, posted } = results[path];
        const row = (name: string, r: Load) => [
          path,
          name,
          String(Math.round(r.rps)),
          String(r.p50),
          String(r.p99),
          String(r.bytesPerReq),
          String(r.non2xx + r.errors),
          `${Math.round((r.rps / bare.rps) * 100)}%`,
        ];
        rows.push(
          row("Candor", candor),
          row("plain node:http, same bytes", bare),
          row(`Candor, ${posted} updates posted (every 100 ms)`, busy),
          row("plain node:http, bytes as after those updates", plainAfter),
        );
      }
      return [
        "## Page load on outage day",
        "",
        `autocannon, ${connections} connections for ${durationS} s per row, \`accept-encoding: ${acceptEncoding}\`, from the`,
        "benchmark process; Candor runs in its own process on Postgres 15 with eight components, two open incidents and",
        "twenty resolved ones. The plain server is node:http in its own process returning, from memory, the exact bytes and",
        "headers Candor returned for the same request. Latencies in ms; bytes are per response, headers included.",
        "",
        markdownTable(
          ["Path", "Server", "Req/s", "p50", "p99", "Bytes", "Non-2xx + errors", "Of plain"],
          rows,
          [0, 1, 2, 3, 4, 5, 6, 7].map((i) => i >= 2),
        ),
        "",
        ...paths.map((p) => {
          const r = results[p];
          const pct = (a: Load, b: Load) => Math.round((a.rps / b.rps) * 100);
          return (
            `${p}: Candor served ${pct(r.candor, r.plain)}% of the plain server's rate (target at least 80%); while updates were ` +
            `posted, ${pct(r.busy, r.plain)}% of it, and ${pct(r.busy, r.plainAfter)}% of the plain server serving the bytes as they were after the updates.`
          );
        }),
      ].join("\n");
    } finally {
      plain?.stop();
      await c.close();
      removeDir(dir);
    }
  },
};

/** The response exactly as sent (compressed body and headers), through node:http. */
function rawBody(
  baseUrl: string,
  path: string,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
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
