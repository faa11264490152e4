import { AsyncLocalStorage } from "node:async_hooks";
import type { ExecutionContext } from "hono";
import { createApp } from "../app.ts";
import { type Config, loadConfig } from "../config.ts";
import type { Db } from "../db/client.ts";
import { passiveHealth } from "../db/health.ts";
import { openWorkerDatabase } from "../db/open-worker.ts";
import { createEngine } from "../delivery/engine.ts";
import { consoleLogger, logEvents } from "../lib/log.ts";
import { isCachedPath } from "../middleware/public-cache/index.ts";
import { statuspageEndpoints } from "../render/statuspage/endpoints.ts";
import { changedComponentsHeader as changedHeader } from "../routes/api/integrations/common.ts";
import { ensureAdminKey } from "../services/api-keys/index.ts";
import { checkSpike } from "../services/listen-alerts/index.ts";
import { buildChannels } from "./channels.ts";
import { listenChannels, listenerFor } from "./listening.ts";

/**
 * The Cloudflare Workers entry: the same app as Node (src/app.ts) behind the
 * edge cache, and a cron pass of the delivery engine every minute. See
 * wrangler.toml for the bindings, vars and secrets.
 */

// The few Workers types used here (ExecutionContext is hono's), so tsc needs no @cloudflare/workers-types,
// which clash with the DOM and Node types the rest of the code is checked against.
type Hyperdrive = { connectionString: string };
type Env = { HYPERDRIVE: Hyperdrive } & Record<string, unknown>;
type ScheduledController = { scheduledTime: number; cron: string };
declare const caches: { default: Cache };

/** A cron pass stops claiming new batches after this long; the next minute's pass resumes. */
const cronBudgetMs = 45_000;
/** A pass after a write runs in waitUntil, which ends 30 s after the response. */
const afterWriteBudgetMs = 20_000;

/** What one invocation's app code reaches through the shared, isolate-wide app. */
type Scope = { db: Db; wrote: boolean };
const requestScope = new AsyncLocalStorage<Scope>();

function currentScope(): Scope {
  const scope = requestScope.getStore();
  if (!scope) throw new Error("the database is only reachable inside a request or cron pass");
  return scope;
}

/**
 * The app is built once per isolate (building it and its router costs ~5 ms
 * of CPU), but a Postgres socket belongs to one request. This Db forwards
 * every use to the current invocation's client.
 */
const scopedDb = new Proxy({} as Db, {
  get(_target, property) {
    const db = currentScope().db;
    const value = Reflect.get(db, property, db);
    return typeof value === "function" ? value.bind(db) : value;
  },
  getPrototypeOf: () => Object.getPrototypeOf(currentScope().db),
});

/** Environment variables as loadConfig reads them: the string vars and secrets, not the bindings. */
function stringVars(env: Env): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** Workers have no file system, so no .eml outbox: without SMTP_URL the email channel is off. */
const noMailReason = "SMTP_URL is not set (Workers have no .eml outbox)";

type Isolate = { config: Config; app: ReturnType<typeof createApp>; adminKey: Promise<void> | null };
let isolate: Isolate | undefined;

/** Config, channels and the app, built on the first request of an isolate and kept. */
async function isolateState(env: Env): Promise<Isolate> {
  if (isolate) return isolate;
  const config = loadConfig(stringVars(env));
  // Only the names and notify flags are used here: requests enqueue, cron passes deliver.
  const { channels, disabled, close } = await buildChannels(config, { db: scopedDb, noMailReason });
  channels.push(...(await listenChannels(config, scopedDb)));
  await close();
  // Workers have no DNS API: a webhook URL's host is checked as written (a
  // private IP, localhost), not what a name resolves to; no resolveHost here.
  const app = createApp({
    db: scopedDb,
    config,
    delivery: {
      // jobsOnly channels (the spike alert, the acknowledgements) never get a public update's row.
      channels: channels.map(({ name, notifyFlag, jobsOnly }) => ({ name, notifyFlag, jobsOnly })),
      afterCommit: () => {
        const scope = requestScope.getStore();
        if (scope) scope.wrote = true;
      },
    },
    disabledChannels: disabled,
    clientAddress: (c) => c.req.header("cf-connecting-ip"),
    // No probe can run between invocations here: every request tries its own connection.
    dbHealth: passiveHealth(),
    // Workers compress at the edge: a gzip body here would be gzipped again on the way out.
    publicCache: { compressors: { gzip: null } },
    log: consoleLogger(config.log.level),
    observe: logEvents(consoleLogger(config.log.level)),
  });
  isolate = { config, app, adminKey: null };
  return isolate;
}

/** CANDOR_ADMIN_TOKEN is the admin key: written once per isolate, before the first API request. */
function ensureAdmin(state: Isolate): Promise<void> {
  if (!state.config.adminToken) return Promise.resolve();
  state.adminKey ??= ensureAdminKey(scopedDb, state.config, new Date()).then(
    () => {},
    (err) => {
      state.adminKey = null;
      throw err;
    },
  );
  return state.adminKey;
}

/**
 * The edge cache key of a public GET. Accept-Encoding is left out: the app
 * answers identity and the edge compresses per client.
 */
function edgeKey(url: URL, request: Request): Request {
  const headers = new Headers();
  const tag = request.headers.get("if-none-match");
  if (tag) headers.set("if-none-match", tag);
  return new Request(url.toString(), { method: "GET", headers });
}

/**
 * Public paths whose content any write may change (incident pages and a
 * component's badge are purged by id or slug, or by the slugs an alert
 * notification changed, which the app names in `changedHeader`; other
 * components' badges, and badges with a ?label=, age out within their
 * max-age of 10 s).
 */
function purgeList(origin: string, path: string, changed = ""): string[] {
  const paths = ["/", "/history", "/record", "/history.rss", "/history.atom", "/feed.rss", "/feed.atom", "/badge.svg"];
  paths.push("/maintenance.ics", "/api/v2/scheduled-maintenances.ics");
  for (const endpoint of statuspageEndpoints) paths.push(`/api/v2/${endpoint}.json`);
  const incident = /^\/api\/v1\/(?:incidents|maintenances)\/([^/]+)/.exec(path);
  if (incident) paths.push(`/incidents/${incident[1]}`);
  const component = /^\/api\/v1\/components\/([^/]+)/.exec(path);
  if (component) paths.push(`/components/${component[1]}/badge.svg`);
  for (const slug of changed.split(" ").filter(Boolean)) paths.push(`/components/${slug}/badge.svg`);
  return paths.map((p) => `${origin}${p}`);
}

function purgeEdge(origin: string, path: string, changed?: string): Promise<unknown> {
  return Promise.all(purgeList(origin, path, changed).map((key) => caches.default.delete(key)));
}

/**
 * Where the edge keeps the last good copy of a public URL for a day: the
 * stale-if-error the Cache API does not do by itself. Writes do not purge it;
 * it is only ever served when the app answers 5xx or cannot answer.
 */
function lastGoodKey(url: URL): Request {
  const key = new URL(url.toString());
  key.searchParams.set("candor-last-good", "1");
  return new Request(key.toString(), { method: "GET" });
}

/** The day-long copy served on error, saying it is one. */
function forLastGood(response: Response): Response {
  const copy = forEdge(response);
  copy.headers.set("cache-control", "public, max-age=86400");
  return copy;
}

/** The last good copy, marked so that browsers and the edge ask again soon; null when there is none. */
async function lastGood(url: URL): Promise<Response | null> {
  const found = await caches.default.match(lastGoodKey(url));
  if (!found) return null;
  const copy = new Response(found.body, found);
  copy.headers.set("cache-control", "public, max-age=5, stale-if-error=86400");
  return copy;
}

/** A copy fit for the edge: no request id (it would be replayed to every reader). */
function forEdge(response: Response): Response {
  const copy = new Response(response.clone().body, response);
  copy.headers.delete("x-request-id");
  return copy;
}

/**
 * One bounded pass of the honesty engine: post what promises made due, poll
 * X if listening is on and a source is due (cron passes only), then deliver
 * outbox batches until nothing is due or the budget is spent. Rows a pass
 * cannot finish keep their claim until it expires; the next pass (cron,
 * every minute) takes them up again.
 */
async function runPass(env: Env, budgetMs: number, why: string, listen: boolean): Promise<void> {
  const started = Date.now();
  const config = (await isolateState(env)).config;
  const database = openWorkerDatabase(env.HYPERDRIVE.connectionString);
  // Webhooks go through fetch: only a literal private host is refused here (no DNS API on Workers).
  const { channels, close } = await buildChannels(config, { db: database.db, noMailReason });
  channels.push(...(await listenChannels(config, database.db)));
  const engine = createEngine({
    db: database.db,
    config,
    clock: () => new Date(),
    channels,
    workerId: `worker-${crypto.randomUUID().slice(0, 8)}`,
    log: (line) => console.error(line),
    observe: logEvents(consoleLogger(config.log.level)),
    listener: listen ? await listenerFor(config, [checkSpike]) : undefined,
  });
  let posted = 0;
  let delivered = 0;
  // A fan-out still under way at the limit stops between batches and hands its row to the next pass.
  engine.setDeadline(new Date(started + budgetMs));
  try {
    posted = await engine.tick();
    // What a poll queues (an acknowledgement, a spike alert) goes out in this pass's deliveries. A poll that
    // fails has recorded why (x-listen's health) and is retried at its backoff: the deliveries still run.
    await engine.listenOnce().catch((err: unknown) => console.error(`[listen] ${(err as Error).message}`));
    while (Date.now() - started < budgetMs) {
      const handled = await engine.dispatchOnce();
      delivered += handled;
      if (handled === 0) break;
    }
  } finally {
    await close().catch(() => {});
    await database.close();
  }
  // Automatic updates change the pages: drop this data centre's copies (incident pages age out).
  if (posted > 0) await purgeEdge(config.publicUrl, "/");
  console.log(
    `[engine] ${why} pass: ${posted} automatic update(s), ${delivered} delivery row(s), ${Date.now() - started} ms`,
  );
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    const edge = request.method === "GET" && isCachedPath(url.pathname);
    if (edge) {
      // A stampede on outage day is answered here, without touching Postgres.
      const hit = await caches.default.match(edgeKey(url, request));
      if (hit) return hit;
    }
    const state = await isolateState(env);
    const database = openWorkerDatabase(env.HYPERDRIVE.connectionString);
    const scope: Scope = { db: database.db, wrote: false };
    let response: Response;
    try {
      response = await requestScope.run(scope, async () => {
        if (url.pathname.startsWith("/api/v1/")) await ensureAdmin(state);
        // Identity bodies only: the edge compresses (see publicCache above).
        const headers = new Headers(request.headers);
        headers.delete("accept-encoding");
        return state.app.fetch(new Request(request, { headers }), env, ctx);
      });
    } catch (err) {
      // The database (or anything else) failed outside the app's own error
      // handling: a public page still has its last good copy.
      const stale = edge ? await lastGood(url) : null;
      if (stale) return stale;
      throw err;
    } finally {
      ctx.waitUntil(database.close());
    }
    if (edge && response.status >= 500) {
      const stale = await lastGood(url);
      if (stale) return stale;
    }
    if (edge && response.status === 200) {
      ctx.waitUntil(caches.default.put(edgeKey(url, new Request(url)), forEdge(response)));
      ctx.waitUntil(caches.default.put(lastGoodKey(url), forLastGood(response)));
    }
    if (request.method !== "GET" && request.method !== "HEAD" && response.status < 400) {
      // This data centre shows the write at once; others within the pages' max-age.
      ctx.waitUntil(purgeEdge(url.origin, url.pathname, response.headers.get(changedHeader) ?? undefined));
      // Deliver what the write enqueued now rather than at the next cron minute.
      if (scope.wrote) ctx.waitUntil(runPass(env, afterWriteBudgetMs, "after-write", false));
    }
    return response;
  },

  async scheduled(controller: ScheduledController, env: Env): Promise<void> {
    await runPass(env, cronBudgetMs, `cron ${controller.cron}`, true);
  },
};
