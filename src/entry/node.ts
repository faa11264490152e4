import { createHmac } from "node:crypto";
import { appendFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants as zlibConstants } from "node:zlib";
import { sql as drizzleSql } from "drizzle-orm";
import { createApp } from "../app.ts";
import { createRenderingTransport } from "../channels/smtp.ts";
import { guardedWebhookSend, systemResolveHost } from "../channels/webhook-http.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { databaseHealth } from "../db/health.ts";
import { applyMigrations, openDatabase } from "../db/open-node.ts";
import { pgliteSessionLock, postgresSessionLock } from "../db/session-lock.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { createEngine } from "../delivery/engine.ts";
import { fanOut } from "../lib/events.ts";
import { errorFields, logEvents, logSafe } from "../lib/log.ts";
import { processMetrics } from "../lib/metrics/process-metrics.ts";
import { useSyncHmac } from "../lib/tokens.ts";
import { cachedRoutes, publicCache } from "../middleware/public-cache/index.ts";
import { ensureAdminKey } from "../services/api-keys/index.ts";
import { checkSpike } from "../services/listen-alerts/index.ts";
import { buildChannels } from "./channels.ts";
import { spawnFront, startFront } from "./front-link.ts";
import { listenChannels, listenerFor } from "./listening.ts";
import { createLogger } from "./logger.ts";
import { relistener } from "./relisten.ts";
import { fileRenderStore } from "./render-store.ts";
import { onSignals } from "./shutdown.ts";

// Links in emails are signed per recipient: node:crypto's HMAC is synchronous.
useSyncHmac((secret, data) => createHmac("sha256", secret).update(data).digest());

// "ready in" counts from process start (performance.now()'s origin), module loading included.

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    // No LOG_* to go by (they may be what is wrong): one plain line on stderr.
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
const { logger: log, flush: flushLog } = await createLogger(config.log, "main");
// process.exit() (shutdown, fatal errors) would drop lines still buffered.
process.on("exit", flushLog);
// The front thread loads its code while this one opens the database; it listens once the app is ready.
const frontThread = spawnFront({ host: config.host, port: config.port, log, logOptions: config.log });

// A dropped pooled connection may mean the server went away: the health
// state checks at once rather than waiting for a request to fail.
let connectionClosed = () => {};
// Postgres is migrated below, with retries: a process that starts while the
// database is down serves the saved pages and keeps trying.
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: join(config.dataDir, "pglite"),
  migrate: !config.databaseUrl,
  onConnectionClosed: () => connectionClosed(),
}).catch((err: Error) => {
  log.fatal(errorFields(err), "could not open the database");
  process.exit(1);
});
if (database.fromTemplate)
  log.info({ database: "pglite" }, "new PGlite data directory, copied from the build's template");

// On Postgres the engine (scheduler, dispatcher, the channels' fan-out reads)
// has a pool of its own, so that its queries never queue behind a burst of API
// writes: a due promise is posted on time however busy the API is. Opening it
// connects to nothing yet, so this holds while the database is down too.
const engineDatabase =
  database.kind === "postgres"
    ? await openDatabase({
        databaseUrl: config.databaseUrl,
        migrate: false,
        onConnectionClosed: () => connectionClosed(),
      })
    : database;

// Email: SMTP when SMTP_URL is set; otherwise every email is written as an
// .eml file under DATA_DIR/outbox, so npm start works with no mail server.
const outboxDir = join(config.dataDir, "outbox");
let sequence = 0;
const emlWriter = createRenderingTransport(async (eml, message) => {
  await mkdir(outboxDir, { recursive: true });
  const safe = message.to.replace(/[^a-zA-Z0-9@._-]/g, "_");
  const file = join(outboxDir, `${Date.now()}-${process.pid}-${++sequence}-${safe}.eml`);
  await writeFile(file, eml);
  // The file's name says whom it is for; the line does not (no subscriber data in logs).
  log.info({ channel: "email", file }, "email written to DATA_DIR/outbox (no SMTP_URL)");
});
const logFile = config.logChannel.file;
const {
  channels,
  disabled: disabledChannels,
  emailNote,
  close: closeChannels,
} = await buildChannels(config, {
  db: engineDatabase.db,
  mailFallback: { transport: emlWriter, note: `no SMTP_URL: writing .eml files to ${outboxDir}` },
  logLine: logFile
    ? (line) => appendFileSync(logFile, `${line}\n`)
    : (line) => log.info({ channel: "log", delivery: JSON.parse(line) }, "log channel delivery"),
  // Connects only to the addresses it checked, so a DNS answer that changes cannot reach a private one.
  webhook: { send: guardedWebhookSend({ allowPrivate: config.webhookAllowPrivate, resolve: systemResolveHost }) },
});
// The x-ack channel sends the automatic acknowledgements (LISTEN_AUTO_ACK): only its own jobs, never updates.
channels.push(...(await listenChannels(config, engineDatabase.db)));
const sql = database.sql;
// What this process did since it started, for GET /metrics (the counts all processes share are read from the database).
const metrics = processMetrics();
// The engine's and the services' events go to the log and the metrics.
const observe = fanOut(logEvents(log), metrics.observe);
const engine = createEngine({
  db: engineDatabase.db,
  config,
  clock: () => new Date(),
  channels,
  // While the database is known to be down every pass fails the same way: the health state says so once.
  log: (line) => {
    if (!health.isDown()) log.warn({ component: "engine" }, logSafe(line));
  },
  observe,
  // Claims live as long as this process's session lock: after a kill -9 another process (or this one restarted)
  // takes them over within seconds (ADR 0014).
  sessionLock: (classId, key) =>
    database.pglite
      ? pgliteSessionLock(database.pglite, classId, key)
      : postgresSessionLock(config.databaseUrl as string, classId, key),
  // Other processes' writes wake this one; PGlite is single-process and needs none.
  listen: sql ? (onWake) => outboxListener.listen(onWake) : undefined,
  // After each poll: is this a spike? (It pages through the outbox when LISTEN_ALERT_WEBHOOK_URL is set.)
  listener: await listenerFor(config, [checkSpike]),
});
const outboxListener = relistener(sql, "candor_outbox");
const health = databaseHealth({
  probe: async () => {
    await bootstrap();
    await database.db.execute(drizzleSql`select 1`);
  },
  log: (line) => log.warn({ component: "database" }, logSafe(line)),
});
connectionClosed = () => health.check();
health.onRecover(() => {
  // postgres.js queues LISTEN again when its connection drops, but whether
  // that survives the outage depends on its reconnect timing: listen afresh
  // (one subscription either way), then look at everything that fell due meanwhile.
  void outboxListener.renew().finally(() => engine.wake());
});

let bootstrapped: Promise<void> | null = null;
/** Migrations, the admin key and the engine: run once the database answers, retried by the health probe until then. */
function bootstrap(): Promise<void> {
  bootstrapped ??= (async () => {
    if (database.kind === "postgres") await applyMigrations(database);
    const { generated } = await ensureAdminKey(database.db, config, new Date());
    if (generated) announceKey(generated);
    await engine.start();
  })().catch((err: unknown) => {
    bootstrapped = null;
    if (isDatabaseUnavailable(err)) throw err;
    log.fatal(errorFields(err), "could not open the database");
    process.exit(1);
  });
  return bootstrapped;
}
let listening = false;
let keyToShow: string | null = null;
/**
 * The first start's admin key, printed once the banner is out: as a plain
 * line on stdout, never as a log line, so that log shipping never stores it.
 */
function announceKey(key: string) {
  if (!listening) {
    keyToShow = key;
    return;
  }
  flushLog();
  process.stdout.write(`Admin API key (shown once, store it now): ${key}\n`);
}
const brotli = promisify(brotliCompress);
// Pages, feeds and the v2 JSON are served from this cache, rendered once per
// change; brotli is Node's (Workers compress at the edge).
// Renders are saved in DATA_DIR/renders too: a process started while the
// database is down serves what it or another process last rendered.
const cache = publicCache({
  compressors: {
    br: async (bytes) => new Uint8Array(await brotli(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } })),
  },
  health,
  renderStore: fileRenderStore(join(config.dataDir, "renders"), (line) =>
    log.warn({ component: "renders" }, logSafe(line)),
  ),
  count: metrics.cacheResult,
});
const app = createApp({
  db: database.db,
  config,
  delivery: engine.serviceHooks,
  disabledChannels,
  resolveHost: systemResolveHost,
  // Every request comes through the front thread, which names the client.
  clientAddress: (c) => (c.env as { clientAddress?: string } | undefined)?.clientAddress,
  publicCache: cache,
  dbHealth: health,
  engine: () => engine.health(),
  metrics,
  log,
  observe,
});
const savedRenders = await cache.loaded;
await bootstrap().catch(() => health.markDown());

// The front thread owns the public socket and answers the page's cache hits;
// the rest reaches the app here (ADR 0015).
const front = await startFront({
  host: config.host,
  port: config.port,
  fetch: app.fetch,
  cache,
  log,
  front: frontThread,
});
const port = front.port;
metrics.addHits({ counts: front.hits, routes: cachedRoutes });
{
  const where =
    database.kind === "pglite" ? `embedded PGlite in ${join(config.dataDir, "pglite")}` : "Postgres (DATABASE_URL)";
  const readyMs = Math.round(performance.now());
  log.info(
    { port, database: database.kind, readyMs },
    `Candor listening on http://${config.host}:${port} with ${where}, ready in ${readyMs} ms`,
  );
  log.info({ statusPage: `${config.publicUrl}/`, apiDocs: `${config.publicUrl}/docs` }, "public URLs");
  log.info({ channels: channels.map((c) => c.name) }, `channels: ${channels.map((c) => c.name).join(", ") || "none"}`);
  log.info({ channel: "email" }, `email: ${emailNote}`);
  if (config.twitter) log.info({ channel: "x" }, `X: posting threads through ${config.twitter.apiUrl}`);
  else log.info({ channel: "x" }, "X: off (set the four TWITTER_* credentials to post incident threads)");
  if (health.isDown()) {
    log.warn(
      { savedRenders },
      `database unreachable at start: serving ${savedRenders} saved page(s) and retrying every 0.5 s`,
    );
  }
  listening = true;
  if (keyToShow) announceKey(keyToShow);
}

onSignals({
  // The front stops listening and lets the requests under way finish.
  server: { close: front.close, closeIdleConnections() {} },
  graceMs: config.shutdownGraceMs,
  steps: [
    () => health.close(),
    () => engine.stop(),
    () => closeChannels(),
    () => front.end(),
    () => (engineDatabase !== database ? engineDatabase.close() : undefined),
    () => database.close(),
  ],
  log,
});
