// wrk, a C HTTP load generator, run as a child process. On two cores a
// client in Node saturates before either server does and hides the
// difference between them; wrk needs far less CPU per request. Each run
// also reads the server process's CPU time per thread from /proc, which
// varies less with what else the machine runs than requests per second.
import { spawn } from "node:child_process";
import { accessSync, constants, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";

export type Load = {
  rps: number;
  p50: number;
  p99: number;
  bytesPerReq: number;
  errors: number;
  cpuUsPerReq: number;
  /** CPU µs per request by thread name (main: the JavaScript thread). */
  threads: Record<string, number>;
};

export type WrkOptions = {
  threads: number;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
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
    "this benchmark needs wrk (a C HTTP load generator) on PATH: `apt-get install -y wrk` on Debian/Ubuntu, `brew install wrk` on macOS",
  );
}

/**
 * A wrk runner that writes its report script into `dir`.
 *
 * @example const load = await wrkRunner(dir)(`${base}/`, pid, { threads: 2, connections: 50, seconds: 10, headers: {} })
 */
export function wrkRunner(dir: string): (url: string, serverPid: number | undefined, o: WrkOptions) => Promise<Load> {
  const wrk = findWrk();
  const script = join(dir, "report.lua");
  writeFileSync(script, reportScript);
  return (url, serverPid, o) => {
    const cpuBefore = threadCpuUs(serverPid);
    const headerArgs = Object.entries(o.headers).flatMap(([k, v]) => ["-H", `${k}: ${v}`]);
    const args = [`-t${o.threads}`, `-c${o.connections}`, `-d${o.seconds}s`, "--timeout", "5s", "-s", script];
    return new Promise((resolve, reject) => {
      const child = spawn(wrk, [...args, ...headerArgs, url], { stdio: ["ignore", "pipe", "pipe"] });
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
  };
}
