// The front thread (ADR 0015): it owns the public socket, answers the page's
// cache hits from its own copy of the prepared replies, and passes everything
// else, streaming, to the app's server in the main thread over a unix socket.
// A V8 isolate that only sees these sockets runs node:http as fast as a plain
// server; in the main thread, shared with postgres.js, zlib and Hono, it ran
// about 1.5 times slower (BENCHMARKS.md, "Page load on outage day").
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import type { PreparedReply } from "../app-env.ts";
import { encodingPreferences } from "../middleware/public-cache/encodings.ts";
import { matchesEtag } from "../middleware/public-cache/etag.ts";
import { requestIds } from "./request-ids.ts";

/** One render as the front serves it: GET and HEAD per encoding, and the 304. */
export type FrontEntry = {
  etag: string;
  identity: { get: PreparedReply; head: PreparedReply };
  br?: { get: PreparedReply; head: PreparedReply };
  gzip?: { get: PreparedReply; head: PreparedReply };
  notModified: PreparedReply;
};

/** Main thread → front. */
export type ToFront =
  | { type: "entry"; id: number; entry: FrontEntry }
  | { type: "table"; generation: number; deadlineMs: number; rows: [string, number][] }
  | { type: "close" };

/** Front → main thread. */
export type FromFront =
  | { type: "listening"; port: number }
  | { type: "listen-error"; message: string }
  | { type: "closed" };

/** Set by the front on every request it passes on; the main thread trusts it only on its private socket. */
export const clientAddressHeader = "x-candor-client-address";
/** Set by the main thread on every response: the cache generation it was made at. */
export const generationHeader = "x-candor-cache-generation";

type FrontData = { host: string; port: number; appSocket: string };

const hopByHop = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  generationHeader,
]);

function start({ host, port, appSocket }: FrontData) {
  const port_ = parentPort;
  if (!port_) throw new Error("front.ts runs as a worker thread");
  const post = (m: FromFront) => port_.postMessage(m);
  const entries = new Map<number, FrontEntry>();
  let table = new Map<string, FrontEntry>();
  let tableGeneration = -1;
  let deadlineMs = 0;
  /** The newest generation a response from the app was made at: a table older than that is not served from. */
  let newestSeen = -1;
  const preferred = encodingPreferences();
  const nextRequestId = requestIds();
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });

  port_.on("message", (m: ToFront) => {
    if (m.type === "entry") entries.set(m.id, m.entry);
    else if (m.type === "table") {
      const next = new Map<string, FrontEntry>();
      const used = new Set<number>();
      for (const [key, id] of m.rows) {
        const entry = entries.get(id);
        if (entry) {
          next.set(key, entry);
          used.add(id);
        }
      }
      // The main thread sends a render just before the first table that
      // uses it, and again if a table stopped using it: drop the rest.
      for (const id of entries.keys()) if (!used.has(id)) entries.delete(id);
      table = next;
      tableGeneration = m.generation;
      deadlineMs = m.deadlineMs;
    } else if (m.type === "close") {
      server.close(() => post({ type: "closed" }));
      server.closeIdleConnections();
    }
  });

  function hit(req: IncomingMessage): PreparedReply | null {
    const method = req.method;
    if (method !== "GET" && method !== "HEAD") return null;
    if (tableGeneration < newestSeen || Date.now() >= deadlineMs) return null;
    const entry = table.get(req.url ?? "/");
    if (!entry) return null;
    const ifNoneMatch = req.headers["if-none-match"];
    if (ifNoneMatch && matchesEtag(ifNoneMatch, entry.etag)) return entry.notModified;
    let variant = entry.identity;
    for (const encoding of preferred(req.headers["accept-encoding"])) {
      const found = entry[encoding];
      if (found) {
        variant = found;
        break;
      }
    }
    return method === "HEAD" ? variant.head : variant.get;
  }

  function pass(req: IncomingMessage, res: ServerResponse) {
    const headers: string[] = [];
    const raw = req.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i].toLowerCase();
      if (name === clientAddressHeader || name === "connection" || name === "keep-alive") continue;
      headers.push(raw[i], raw[i + 1]);
    }
    headers.push(clientAddressHeader, req.socket.remoteAddress ?? "");
    const upstream = request({ socketPath: appSocket, method: req.method, path: req.url, headers, agent }, (answer) => {
      const generation = Number(answer.headers[generationHeader]);
      if (generation > newestSeen) newestSeen = generation;
      const out: string[] = [];
      const rawOut = answer.rawHeaders;
      for (let i = 0; i < rawOut.length; i += 2) {
        if (!hopByHop.has(rawOut[i].toLowerCase())) out.push(rawOut[i], rawOut[i + 1]);
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
      answer.pipe(res);
      answer.on("error", () => res.destroy());
    });
    upstream.on("error", () => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ error: { code: "UNAVAILABLE", message: "Candor is restarting", requestId: null } }));
    });
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  const server = createServer((req, res) => {
    const reply = hit(req);
    if (reply) {
      // Made at render time; only the request id is per request, written
      // into its slot just before node:http copies the headers out.
      const headers = reply.flatHeaders;
      headers[headers.length - 1] = nextRequestId();
      res.writeHead(reply.status, headers);
      res.end(reply.body ?? undefined);
      return;
    }
    pass(req, res);
  });
  server.on("error", (err) => post({ type: "listen-error", message: err.message }));
  server.listen(port, host, () => {
    const address = server.address();
    post({ type: "listening", port: typeof address === "object" && address ? address.port : port });
  });
}

if (parentPort && workerData?.front) start(workerData.front as FrontData);
