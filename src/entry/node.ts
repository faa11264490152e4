import { createHmac, randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants as zlibConstants } from "node:zlib";
import { getRequestListener } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { createApp } from "../app.ts";
import { createRenderingTransport } from "../channels/smtp.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { openDatabase } from "../db/open-node.ts";
import { createEngine } from "../delivery/engine.ts";
import { useSyncHmac } from "../lib/tokens.ts";
import { publicCache } from "../middleware/public-cache/index.ts";
import { ensureAdminKey } from "../services/api-keys/index.ts";
import { buildChannels } from "./channels.ts";

// Links in emails are signed per recipient: node:crypto's HMAC is synchronous.
useSyncHmac((secret, data) => createHmac("sha256", secret).update(data).digest());

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

// Email: SMTP when SMTP_URL is set; otherwise every email is written as an
// .eml file under DATA_DIR/outbox, so npm start works with no mail server.
const outboxDir = join(config.dataDir, "outbox");
let sequence = 0;
const emlWriter = createRenderingTransport(async (eml, message) => {
  await mkdir(outboxDir, { recursive: true });
  const safe = message.to.replace(/[^a-zA-Z0-9@._-]/g, "_");
  const file = join(outboxDir, `${Date.now()}-${process.pid}-${++sequence}-${safe}.eml`);
  await writeFile(file, eml);
  console.log(`[email] ${message.subject} to ${message.to}: ${file}`);
});
const logFile = config.logChannel.file;
const {
  channels,
  disabled: disabledChannels,
  emailNote,
  close: closeChannels,
} = await buildChannels(config, {
  db: database.db,
  mailFallback: { transport: emlWriter, note: `no SMTP_URL: writing .eml files to ${outboxDir}` },
  logLine: logFile ? (line) => appendFileSync(logFile, `${line}\n`) : undefined,
});
const sql = database.sql;
const engine = createEngine({
  db: database.db,
  config,
  clock: () => new Date(),
  channels,
  log: (line) => console.error(line),
  // Other processes' writes wake this one; PGlite is single-process and needs none.
  listen: sql
    ? async (onWake) => {
        const { unlisten } = await sql.listen("candor_outbox", onWake);
        return unlisten;
      }
    : undefined,
});
const brotli = promisify(brotliCompress);
// Pages, feeds and the v2 JSON are served from this cache, rendered once per
// change; brotli is Node's (Workers compress at the edge).
const cache = publicCache({
  compressors: {
    br: async (bytes) => new Uint8Array(await brotli(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } })),
  },
});
const app = createApp({
  db: database.db,
  config,
  delivery: engine.serviceHooks,
  disabledChannels,
  clientAddress: (c) => getConnInfo(c).remote.address,
  publicCache: cache,
});
await engine.start();

// A page the cache holds for the current data is written straight to the
// socket, as an edge cache would serve it; everything else goes to the app.
const handle = getRequestListener(app.fetch);
const server = createServer((req, res) => {
  const hit = cache.lookup(
    req.url ?? "/",
    {
      method: req.method ?? "GET",
      acceptEncoding: req.headers["accept-encoding"],
      ifNoneMatch: req.headers["if-none-match"],
      requestId: randomUUID(),
    },
    new Date(),
  );
  if (hit) {
    // Names and values in turn: node:http serialises them without walking an object.
    res.writeHead(hit.status, hit.flatHeaders);
    res.end(hit.body ?? undefined);
    return;
  }
  void handle(req, res);
});
server.on("error", (err) => {
  console.error(`Could not listen on ${config.host}:${config.port}: ${err.message}`);
  process.exit(1);
});
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const where =
    database.kind === "pglite" ? `embedded PGlite in ${join(config.dataDir, "pglite")}` : "Postgres (DATABASE_URL)";
  console.log(
    `Candor listening on http://${config.host}:${port} with ${where}, ready in ${Math.round(performance.now())} ms`,
  );
  console.log(`Status page: ${config.publicUrl}/`);
  console.log(`API docs:    ${config.publicUrl}/docs`);
  console.log(`Channels:    ${channels.map((c) => c.name).join(", ") || "none"}`);
  console.log(`Email:       ${emailNote}`);
  if (config.twitter) console.log(`X:           posting threads through ${config.twitter.apiUrl}`);
  else console.log("X:           off (set the four TWITTER_* credentials to post incident threads)");
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
  await engine.stop();
  await closeChannels();
  await database.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
