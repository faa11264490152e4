// The front thread (ADR 0015): it owns the public socket, answers the page's
// cache hits from its own copy of the prepared replies, and passes everything
// else to the app in the main thread over the worker's message port.
// A V8 isolate that only sees these sockets runs node:http as fast as a plain
// server; in the main thread, shared with postgres.js, zlib and Hono, it ran
// about 1.5 times slower (BENCHMARKS.md, "Page load on outage day").
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import type { ServedRender } from "../app-env.ts";
import { type HitCounts, hitCounter } from "../lib/metrics/hit-counts.ts";
import { writeAccessLine } from "../middleware/access-log.ts";
import { encodingPreferences } from "../middleware/public-cache/encodings.ts";
import { cachedRoutes } from "../middleware/public-cache/paths.ts";
import { servedReply } from "../middleware/public-cache/served.ts";
import { frontAccess } from "./front-access.ts";
import { frontTable, type TableMessage } from "./front-table.ts";
import { createLogger, type LogOptions, logFormat } from "./logger.ts";
import { requestIds } from "./request-ids.ts";

/** A request the front passes to the app: headers as names and values in turn, the body read whole. */
export type Passed = {
  type: "request";
  id: number;
  method: string;
  url: string;
  headers: string[];
  clientAddress: string;
  body: Uint8Array | null;
};

/** The app's answer to a passed request, with the cache generation it was made at. */
export type Answered = {
  type: "response";
  id: number;
  status: number;
  headers: string[];
  body: Uint8Array | null;
  generation: number;
};

/** Main thread → front: `hits` asks for the hit counts (at each scrape of /metrics). */
export type ToFront = Answered | TableMessage | { type: "listen" } | { type: "hits" } | { type: "close" };

/** Front → main thread. */
export type FromFront =
  | Passed
  | { type: "listening"; port: number }
  | { type: "listen-error"; message: string }
  | { type: "hits"; counts: HitCounts }
  | { type: "closed" };

type FrontData = { host: string; port: number; log: LogOptions };

/**
 * Larger bodies are refused here, before they are read whole: above the
 * largest the app takes (a 5 MB subscriber import), which refuses anything
 * over its own limits with the usual error.
 */
const maxPassedBody = 8 * 1024 * 1024;

async function start({ host, port, log: logOptions }: FrontData) {
  const port_ = parentPort;
  if (!port_) throw new Error("front.ts runs as a worker thread");
  // The hits' access lines are written from this thread, so that logging
  // them costs the main thread nothing (BENCHMARKS.md, access logging on).
  const { logger: log, flush } = await createLogger(logOptions, "front");
  const accessOn = log.isLevelEnabled("info");
  const access = frontAccess(log, logFormat(logOptions), cachedRoutes);
  const post = (m: FromFront) => port_.postMessage(m);
  const served = frontTable();
  const preferred = encodingPreferences();
  const nextRequestId = requestIds();
  const hits = hitCounter(cachedRoutes.length);
  /** Requests passed to the app and not answered yet. */
  const waiting = new Map<number, ServerResponse>();
  let nextPassed = 0;

  port_.on("message", (m: ToFront) => {
    if (m.type === "response") answer(m);
    else if (m.type === "entry" || m.type === "table") served.receive(m);
    else if (m.type === "hits") post({ type: "hits", counts: hits.snapshot() });
    else if (m.type === "listen") listen();
    else if (m.type === "close") {
      server.close(() => {
        access.flush();
        flush();
        post({ type: "closed" });
      });
      server.closeIdleConnections();
    }
  });

  function hit(req: IncomingMessage, nowMs: number): ServedRender | null {
    const method = req.method;
    if (method !== "GET" && method !== "HEAD") return null;
    return served.find(req.url ?? "/", nowMs);
  }

  // Passed over the message port, not through an HTTP client: an HTTP client
  // in this thread shares node:stream with the server's sockets, and its
  // shapes alone made every hit here as slow as on the main thread.
  function pass(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxPassedBody) {
        if (!refused) {
          refused = true;
          const body = JSON.stringify({
            error: { code: "PAYLOAD_TOO_LARGE", message: "body: must be at most 8 MB", requestId: null },
          });
          res.writeHead(413, { "content-type": "application/json; charset=utf-8", connection: "close" });
          res.end(body);
          if (accessOn) {
            const line = { method: req.method as string, route: "other", status: 413, ms: 0, requestId: undefined };
            writeAccessLine(log, { ...line, bytes: Buffer.byteLength(body) });
          }
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (refused) return;
      const id = nextPassed++;
      waiting.set(id, res);
      res.on("close", () => waiting.delete(id));
      const body = req.method === "GET" || req.method === "HEAD" || size === 0 ? null : Buffer.concat(chunks);
      post({
        type: "request",
        id,
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers: req.rawHeaders,
        clientAddress: req.socket.remoteAddress ?? "",
        body,
      });
    });
  }

  function answer(m: Answered) {
    served.answered(m.generation);
    const res = waiting.get(m.id);
    if (!res) return;
    waiting.delete(m.id);
    res.writeHead(m.status, m.headers);
    res.end(m.body ?? undefined);
  }

  const server = createServer((req, res) => {
    // The one wall-clock read the table needs, and the hit's start for the
    // metrics when no access line is written (Date.now() again at the end:
    // millisecond steps, but a hit takes tens of microseconds and the first
    // bucket is 1 ms); with access lines on, their finer times serve both.
    const startedMs = Date.now();
    const started = accessOn ? performance.now() : 0;
    const render = hit(req, startedMs);
    if (render) {
      const reply = servedReply(
        render,
        req.method as string,
        req.headers["accept-encoding"],
        req.headers["if-none-match"],
        preferred,
      );
      // Made at render time; only the request id is per request, written
      // into its slot just before node:http copies the headers out.
      const headers = reply.flatHeaders;
      const requestId = nextRequestId();
      headers[headers.length - 1] = requestId;
      res.writeHead(reply.status, headers);
      res.end(reply.body ?? undefined);
      const ms = accessOn ? performance.now() - started : Date.now() - startedMs;
      hits.record(render.route, reply.status, render.stale, ms);
      if (accessOn) {
        access.write(
          startedMs,
          req.method as string,
          render.route,
          reply.status,
          ms,
          reply.body?.byteLength ?? 0,
          requestId,
        );
      }
      return;
    }
    pass(req, res);
  });
  server.on("error", (err) => post({ type: "listen-error", message: err.message }));
  // Told by the main thread once the app can answer; until then this thread has only loaded its code.
  function listen() {
    server.listen(port, host, () => {
      const address = server.address();
      post({ type: "listening", port: typeof address === "object" && address ? address.port : port });
    });
  }
}

if (parentPort && workerData?.front) await start(workerData.front as FrontData);
