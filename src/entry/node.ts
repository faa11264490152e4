import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "../app.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { openDatabase } from "../db/open-node.ts";
import { ensureAdminKey } from "../services/api-keys.ts";

// "ready in" counts from process start (performance.now()'s origin), module loading included.

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: join(config.dataDir, "pglite"),
}).catch((err: Error) => {
  console.error(`Could not open the database: ${err.message}`);
  process.exit(1);
});

const { generated } = await ensureAdminKey(database.db, config, new Date());
const app = createApp({ db: database.db, config });

const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
  const where =
    database.kind === "pglite" ? `embedded PGlite in ${join(config.dataDir, "pglite")}` : "Postgres (DATABASE_URL)";
  console.log(
    `Candor listening on http://${config.host}:${info.port} with ${where}, ready in ${Math.round(performance.now())} ms`,
  );
  console.log(`Status page: ${config.publicUrl}/`);
  console.log(`API docs:    ${config.publicUrl}/docs`);
  if (generated) {
    console.log(`Admin API key (shown once, store it now): ${generated}`);
  }
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, shutting down`);
  server.close();
  await database.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
