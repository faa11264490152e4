import { Worker } from "node:worker_threads";
import type { PublicCache, ServedRender } from "../app-env.ts";
import { errorFields, type Logger } from "../lib/log.ts";
import { type HitCounts, hitCounter } from "../lib/metrics/hit-counts.ts";
import { writeAccessLine } from "../middleware/access-log.ts";
import { cachedRoutes } from "../middleware/public-cache/index.ts";
import type { Answered, FromFront, Passed, ToFront } from "./front.ts";
import type { LogOptions } from "./logger.ts";

/** The main thread's side of the front thread (ADR 0015), once it listens. */
export type FrontLink = {
  /** The port it listens on (PORT=0 picks one). */
  port: number;
  /** Stops listening; requests under way finish. */
  close: () => void;
  /** Waits (at most 200 ms) for those requests, then ends the thread. */
  end: () => Promise<void>;
  /** The hits the front answered since it started, by route (cachedRoutes) and status: asked for at each scrape. */
  hits: () => Promise<HitCounts>;
};

/** How long a scrape waits for the front's counts before it takes the last ones it had. */
const hitsTimeoutMs = 1000;

/**
 * Starts the front thread's code loading (its own bundle, node:http, its log)
 * while the main thread opens the database: it listens only once
 * `startFront` tells it to, when the app can answer. Exits the process if the
 * thread fails.
 */
export function spawnFront(options: { host: string; port: number; log: Logger; logOptions: LogOptions }): Worker {
  const { host, port, log } = options;
  // From source, front.ts beside this file; from the bundle (dist/node.mjs), dist/front.mjs (ADR 0016).
  const frontModule = new URL(import.meta.url.endsWith(".ts") ? "./front.ts" : "./front.mjs", import.meta.url);
  const front = new Worker(frontModule, { workerData: { front: { host, port, log: options.logOptions } } });
  front.on("error", (err) => {
    log.fatal(errorFields(err), "the front thread failed");
    process.exit(1);
  });
  return front;
}

/**
 * Starts the front thread on `host:port`. It answers the page's cache hits
 * itself; everything else comes here over its message port and is answered
 * by `fetch` (the app). The app's answer carries the cache generation it was
 * made at: after a write, the front serves nothing older. Exits the process
 * if the thread fails or cannot listen, as a server that cannot listen would.
 *
 * @example const front = await startFront({ host, port, fetch: app.fetch, cache, log, front: spawnFront(...) });
 */
export async function startFront(options: {
  host: string;
  port: number;
  fetch: (req: Request, env: { clientAddress: string; route: string }) => Response | Promise<Response>;
  cache: PublicCache;
  /** This thread's log: the access lines of what the app answered, and the front's failures. */
  log: Logger;
  /** The thread, from `spawnFront`: it has loaded its code meanwhile, and listens when told to. */
  front: Worker;
}): Promise<FrontLink> {
  const { host, port, cache, log, front } = options;
  const accessOn = log.isLevelEnabled("info");
  const headerHole = new Set(["connection", "keep-alive", "transfer-encoding"]);
  async function answerPassed(m: Passed): Promise<Answered> {
    const headers = new Headers();
    for (let i = 0; i < m.headers.length; i += 2) {
      if (!headerHole.has(m.headers[i].toLowerCase())) headers.append(m.headers[i], m.headers[i + 1]);
    }
    const authority = headers.get("host") ?? `${host}:${port}`;
    const started = performance.now();
    // The app fills in the route that answered; the access line is written here, where the size is known.
    const env = { clientAddress: m.clientAddress, route: "" };
    let res: Response;
    try {
      res = await options.fetch(
        new Request(`http://${authority}${m.url}`, { method: m.method, headers, body: m.body as BodyInit | null }),
        env,
      );
    } catch (err) {
      log.error({ method: m.method, ...errorFields(err) }, "request failed before the app");
      res = Response.json(
        { error: { code: "BAD_REQUEST", message: "request: could not be read", requestId: null } },
        { status: 400 },
      );
    }
    const body = m.method === "HEAD" ? null : new Uint8Array(await res.arrayBuffer());
    const flat: string[] = [];
    res.headers.forEach((value, name) => {
      if (name !== "set-cookie") flat.push(name, value);
    });
    for (const cookie of res.headers.getSetCookie()) flat.push("set-cookie", cookie);
    if (accessOn) {
      writeAccessLine(log, {
        method: m.method,
        route: env.route || "other",
        status: res.status,
        ms: Math.round((performance.now() - started) * 100) / 100,
        bytes: body?.byteLength ?? Number(res.headers.get("content-length") ?? 0),
        requestId: res.headers.get("x-request-id") ?? undefined,
      });
    }
    return { type: "response", id: m.id, status: res.status, headers: flat, body, generation: cache.generation() };
  }

  // What the front may serve: each render once, and the table of URLs that may
  // be answered from it, sent on every change and twice a second (so the table
  // outlives neither the minute nor the data version's trust).
  const frontIds = new WeakMap<ServedRender, number>();
  let nextFrontId = 0;
  let sentToFront = new Set<number>();
  function publish() {
    const table = cache.servingTable(Date.now());
    const rows: [string, number][] = [];
    const sent = new Set<number>();
    for (const [key, entry] of table.rows) {
      let id = frontIds.get(entry);
      if (id === undefined) {
        id = nextFrontId++;
        frontIds.set(entry, id);
      }
      if (!sentToFront.has(id) && !sent.has(id)) front.postMessage({ type: "entry", id, entry } satisfies ToFront);
      sent.add(id);
      rows.push([key, id]);
    }
    sentToFront = sent;
    front.postMessage({
      type: "table",
      generation: table.generation,
      deadlineMs: Math.min(table.deadlineMs, Date.now() + 1000),
      rows,
    } satisfies ToFront);
  }
  let publishing = false;
  cache.onChange(() => {
    if (publishing) return;
    publishing = true;
    queueMicrotask(() => {
      publishing = false;
      publish();
    });
  });
  setInterval(publish, 500).unref();

  let closed = () => {};
  const frontClosed = new Promise<void>((resolve) => {
    closed = resolve;
  });
  // The front counts its hits in plain arrays and hands a copy over when
  // asked: one question at a time, and a front too busy to answer within a
  // second leaves the last copy, so that no counter ever goes backwards.
  let lastHits: HitCounts = hitCounter(cachedRoutes.length).snapshot();
  let asking: Promise<HitCounts> | null = null;
  let hitsAnswered = (_counts: HitCounts) => {};
  function hits(): Promise<HitCounts> {
    asking ??= new Promise<HitCounts>((resolve) => {
      const settle = (counts: HitCounts) => {
        clearTimeout(timer);
        hitsAnswered = () => {};
        asking = null;
        resolve(counts);
      };
      const timer = setTimeout(() => settle(lastHits), hitsTimeoutMs);
      hitsAnswered = (counts) => {
        lastHits = counts;
        settle(counts);
      };
      front.postMessage({ type: "hits" } satisfies ToFront);
    });
    return asking;
  }

  const listening = new Promise<number>((resolve) => {
    front.on("message", (m: FromFront) => {
      if (m.type === "request") void answerPassed(m).then((answer) => front.postMessage(answer satisfies ToFront));
      else if (m.type === "hits") hitsAnswered(m.counts);
      else if (m.type === "closed") closed();
      else if (m.type === "listening") resolve(m.port);
      else if (m.type === "listen-error") {
        log.fatal({ host, port, error: m.message }, `could not listen on ${host}:${port}`);
        process.exit(1);
      }
    });
  });
  front.postMessage({ type: "listen" } satisfies ToFront);
  const actualPort = await listening;
  publish();
  return {
    port: actualPort,
    close: () => front.postMessage({ type: "close" } satisfies ToFront),
    async end() {
      await Promise.race([frontClosed, new Promise<void>((r) => setTimeout(r, 200))]);
      await front.terminate();
    },
    hits,
  };
}
