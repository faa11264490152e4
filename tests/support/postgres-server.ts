import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensurePostgresUser, findPostgres } from "./servers.ts";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type PostgresServer = {
  url: (database: string) => string;
  /** Stops the server for good and removes its data. */
  stop: () => void;
  /** Stops the server and keeps its data, as an outage would (pg_ctl stop, "fast": clients are disconnected). */
  halt: () => void;
  /** Starts a halted server again on the same port and data; returns once it accepts connections. */
  start: () => void;
};

/**
 * Starts a throwaway Postgres server in a temp dir on its own port. Postgres
 * refuses to run as root, so as root the server runs as the postgres user.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const { bin } = findPostgres();
  const dir = mkdtempSync(join(tmpdir(), "candor-pg-"));
  const data = join(dir, "data");
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = ensurePostgresUser();
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (args: string[]) => {
    const command = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
    const result = asRoot
      ? spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", command], { encoding: "utf8" })
      : spawnSync("sh", ["-c", command], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${args[0]} failed: ${result.stderr || result.stdout}`);
  };
  run([join(bin, "initdb"), "-D", data, "-U", "candor", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const start = () =>
    run([
      join(bin, "pg_ctl"),
      "-D",
      data,
      "-l",
      join(dir, "log"),
      "-w",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
      "start",
    ]);
  start();
  return {
    url: (database) => `postgres://candor@127.0.0.1:${port}/${database}`,
    halt: () => run([join(bin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop"]),
    start,
    stop: () => {
      try {
        run([join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
