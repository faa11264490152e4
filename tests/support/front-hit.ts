// What the Node entry's front thread (src/entry/front.ts) would answer from
// a public cache right now, without a thread: the cache's serving table and
// the same servedReply the front calls.
import type { PublicCache } from "../../src/app-env.ts";
import { encodingPreferences } from "../../src/middleware/public-cache/index.ts";
import { servedReply } from "../../src/middleware/public-cache/served.ts";

export type FrontHit = { status: number; headers: Record<string, string>; body: Uint8Array | null };

const preferred = encodingPreferences();

/**
 * The front's answer to a request for `path` at `nowMs`, or null when it
 * would pass the request to the app. The request id slot is filled with "front".
 *
 * @example frontHit(cache, "/", { acceptEncoding: "gzip" }, clock.read().getTime())?.headers.etag
 */
export function frontHit(
  cache: PublicCache,
  path: string,
  req: { method?: string; acceptEncoding?: string; ifNoneMatch?: string },
  nowMs: number,
): FrontHit | null {
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "HEAD") return null;
  const row = cache.servingTable(nowMs).rows.find(([key]) => key === path);
  if (!row) return null;
  const reply = servedReply(row[1], method, req.acceptEncoding, req.ifNoneMatch, preferred);
  const flat = [...reply.flatHeaders.slice(0, -1), "front"];
  const headers: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) headers[flat[i]] = flat[i + 1];
  return { status: reply.status, headers, body: reply.body };
}
