// Shared by the engine benchmarks: a throwaway Postgres server, and the real
// Candor process on it (node_modules/.bin/node dist/node.mjs as npm start runs it, without npm),
// with the log channel writing JSON lines to a file.
import { join } from "node:path";
import postgres from "postgres";
import {
  api,
  killGroup,
  type RunningCandor,
  removeDir,
  startCandor,
  stopGracefully,
  tempDir,
} from "../tests/support/candor-process.ts";
import { nodeEntry } from "../tests/support/log-file.ts";
import { freePort, startPostgres } from "../tests/support/postgres-server.ts";

export const benchToken = "bench-admin-token-0123456789abcdef";

export type CandorOnPostgres = {
  candor: RunningCandor;
  /** postgres.js on the same database, to read what Candor wrote. */
  sql: postgres.Sql;
  logFile: string;
  /** Starts one more Candor process on the same database and log file (killed by close()). */
  startAnother: () => Promise<RunningCandor>;
  /** POST /api/v1/incidents; throws unless 201. */
  declare: (body: Record<string, unknown>) => Promise<{ id: string }>;
  close: () => Promise<void>;
};

/**
 * Starts a Postgres server with an empty database and Candor on it (which
 * applies the migrations as it starts), with LOG_CHANNEL_FILE set.
 */
export async function startCandorOnPostgres(env: Record<string, string> = {}): Promise<CandorOnPostgres> {
  const server = await startPostgres();
  const dir = tempDir("candor-bench-engine-");
  let sql: postgres.Sql | undefined;
  let candor: RunningCandor | undefined;
  try {
    const admin = postgres(server.url("postgres"), { max: 1, onnotice: () => {} });
    await admin`create database bench`;
    await admin.end();
    const logFile = join(dir, "log-channel.jsonl");
    const others: RunningCandor[] = [];
    const launch = async () =>
      startCandor(
        {
          PORT: String(await freePort()),
          HOST: "127.0.0.1",
          DATA_DIR: dir,
          DATABASE_URL: server.url("bench"),
          CANDOR_ADMIN_TOKEN: benchToken,
          LOG_CHANNEL_FILE: logFile,
          ...env,
        },
        nodeEntry,
      );
    candor = await launch();
    sql = postgres(server.url("bench"), { max: 2, onnotice: () => {} });
    const running = candor;
    const client = sql;
    return {
      candor: running,
      sql: client,
      logFile,
      async startAnother() {
        const other = await launch();
        others.push(other);
        return other;
      },
      async declare(body) {
        const res = await api(running.baseUrl, "POST", "/api/v1/incidents", { key: benchToken, body });
        if (res.status !== 201) throw new Error(`declare: ${res.status} ${res.text}`);
        return res.json.data;
      },
      async close() {
        await client.end({ timeout: 5 });
        for (const other of others) await killGroup(other.proc);
        await stopGracefully(running.proc).catch(() => killGroup(running.proc));
        server.stop();
        removeDir(dir);
      },
    };
  } catch (err) {
    await sql?.end({ timeout: 5 });
    if (candor) await killGroup(candor.proc);
    server.stop();
    removeDir(dir);
    throw err;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Milliseconds with one decimal, or whole above 100. */
export function fmt(ms: number): string {
  return Math.abs(ms) >= 100 ? String(Math.round(ms)) : ms.toFixed(1);
}
