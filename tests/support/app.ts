import { expect } from "vitest";
import { createApp } from "../../src/app.ts";
import type { Channel } from "../../src/channels/types.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import type { OpenDatabase } from "../../src/db/open-node.ts";
import { createEngine, type Engine } from "../../src/delivery/engine.ts";
import { fanOut } from "../../src/lib/events.ts";
import { type Logger, logEvents } from "../../src/lib/log.ts";
import { type ProcessMetrics, processMetrics } from "../../src/lib/metrics/process-metrics.ts";
import type { ResolveHost } from "../../src/lib/webhook-target.ts";
import { ensureAdminKey } from "../../src/services/api-keys/index.ts";
import { type DatabaseKind, openTestDatabase } from "./db.ts";
import { readAnswer } from "./http.ts";
import { stubResolver } from "./resolver.ts";
import { FakeClock } from "./time.ts";

// Kept importable from here, where tests have always found it.
export { FakeClock };

export const adminToken = "test-admin-token-0123456789";

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

export type TestAppOptions = {
  env?: Record<string, string>;
  /**
   * Channels that get outbox rows. When given, an engine is built over the
   * fake clock (jitter fixed at 0.5) and returned; it is never started, so
   * tests drive `tick()`, `dispatchOnce()` and `drain()` by hand.
   */
  channels?: Channel[] | ChannelFactory;
  /** What webhook hosts resolve to when one is added; by default a stub that knows only localhost (no network). */
  resolveHost?: ResolveHost;
  /** Where the engine's log lines go (a test reads them to see what an operator would); nowhere by default. */
  log?: (line: string) => void;
  /** Gives the app process metrics, as the Node entry does: it times requests and serves GET /metrics. */
  metrics?: boolean;
};

/** Builds the channels once the test's database exists (as the entries do with buildChannels). */
export type ChannelFactory = (deps: { db: Db; config: Config; clock: () => Date }) => Promise<Channel[]>;

/**
 * The app over a database of its own, with an admin key and a fake clock.
 * `call` sends JSON with the admin key unless told otherwise. The second
 * argument is either the environment (as before) or `{ env, channels }`.
 */
/** A Logger whose every line becomes one string: the message, then the fields as JSON. */
function linesLogger(write: (line: string) => void): Logger {
  const at = (fields: Record<string, unknown>, message?: string) => write(`${message ?? ""} ${JSON.stringify(fields)}`);
  return { trace: at, debug: at, info: at, warn: at, error: at, fatal: at, isLevelEnabled: () => true };
}

export async function startTestApp(kind: DatabaseKind, envOrOptions: Record<string, string> | TestAppOptions = {}) {
  const opts: TestAppOptions = ["env", "channels", "resolveHost", "log", "metrics"].some((name) => name in envOrOptions)
    ? (envOrOptions as TestAppOptions)
    : { env: envOrOptions as Record<string, string> };
  const env = opts.env ?? {};
  const database: OpenDatabase = await openTestDatabase(kind);
  // Webhook tests deliver to receivers on 127.0.0.1, so private addresses are
  // allowed unless a test sets WEBHOOK_ALLOW_PRIVATE=off to see them refused.
  const config = loadConfig({
    PUBLIC_URL: "http://status.test",
    CANDOR_ADMIN_TOKEN: adminToken,
    WEBHOOK_ALLOW_PRIVATE: "on",
    ...env,
  });
  const clock = new FakeClock();
  await ensureAdminKey(database.db, config, clock.read());
  const channels =
    typeof opts.channels === "function"
      ? await opts.channels({ db: database.db, config, clock: clock.read })
      : opts.channels;
  const metrics: ProcessMetrics | undefined = opts.metrics ? processMetrics() : undefined;
  const engine: Engine | undefined = channels
    ? createEngine({
        db: database.db,
        config,
        clock: clock.read,
        channels,
        random: () => 0.5,
        log: opts.log,
        // The engine's events as an operator's log shows them, one line each, beside its own lines.
        observe: fanOut(metrics?.observe, opts.log ? logEvents(linesLogger(opts.log)) : undefined),
      })
    : undefined;
  // The public cache reads the data version on every request here, so a test
  // that writes straight to the database sees it on the next page.
  const app = createApp({
    db: database.db,
    config,
    clock: clock.read,
    delivery: engine?.serviceHooks,
    resolveHost: opts.resolveHost ?? stubResolver(),
    publicCache: { versionTtlMs: 0 },
    metrics,
  });

  async function call(method: string, path: string, body?: unknown, options: { token?: string | null } = {}) {
    const token = options.token === undefined ? adminToken : options.token;
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    return readAnswer(res);
  }

  /** Declares an incident over HTTP ("API errors" unless told otherwise); returns its id and first update's id. */
  async function declare(body: Record<string, unknown> = {}) {
    const res = await call("POST", "/api/v1/incidents", { title: "API errors", message: "We see errors.", ...body });
    expect(res.status, res.text).toBe(201);
    return { id: res.json.data.id as string, updateId: res.json.data.updates[0].id as string };
  }

  /** Posts an update over HTTP; returns the update's id. */
  async function postUpdate(incidentId: string, body: Record<string, unknown>) {
    const res = await call("POST", `/api/v1/incidents/${incidentId}/updates`, body);
    expect(res.status, res.text).toBe(201);
    return res.json.data.id as string;
  }

  /**
   * Schedules "Database upgrade" on the db component, 02:00-04:00 UTC on 24 Nov 2026 unless told
   * otherwise; returns the maintenance's id.
   */
  async function scheduleMaintenance(body: Record<string, unknown> = {}) {
    const res = await call("POST", "/api/v1/maintenances", {
      title: "Database upgrade",
      message: "We are upgrading the database.",
      components: ["db"],
      starts_at: "2026-11-24T02:00:00Z",
      ends_at: "2026-11-24T04:00:00Z",
      ...body,
    });
    expect(res.status, res.text).toBe(201);
    return res.json.data.id as string;
  }

  return {
    app,
    db: database.db,
    scheduleMaintenance,
    database,
    config,
    clock,
    call,
    declare,
    postUpdate,
    engine,
    metrics,
    close: () => database.close(),
  };
}
