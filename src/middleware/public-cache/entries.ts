import type { CachedReply, CacheRequest, Compressor, Encoding, PreparedReply } from "../../app-env.ts";
import { etagOf, matchesEtag } from "./etag.ts";

/** Finished headers, the body, and its replies made for a front thread (see PreparedReply). */
type Variant = {
  headers: Record<string, string>;
  body: Uint8Array;
  /** For GET, and for HEAD (no body). */
  prepared: { get: PreparedReply; head: PreparedReply };
};

/** One cached render of one URL, for one data version and one minute. */
export type Entry = {
  version: number;
  minute: number;
  status: number;
  etag: string;
  /** Each encoding's body with its finished headers, and the 304's headers: built once per render, not per hit. */
  variants: { identity: Variant } & Partial<Record<Encoding, Variant>>;
  notModified: Variant;
};

const compressible = /^(text\/|image\/svg\+xml|application\/(json|rss\+xml|atom\+xml|xml|javascript))/;
/** Below this, compression saves less than its headers cost. */
const minCompressBytes = 1024;

/**
 * A rendered response as a cache entry: compressed once per encoding (when
 * that saves bytes), with a content ETag, the cache's Cache-Control and
 * `Vary`. Null for anything but a 200 without cookies: that passes through uncached.
 *
 * @example await captureEntry(res.clone(), version, minute, { compressors, cacheControl })
 */
export async function captureEntry(
  res: Response,
  version: number,
  minute: number,
  opts: { compressors: Partial<Record<Encoding, Compressor | null>>; cacheControl: string },
): Promise<Entry | null> {
  if (res.status !== 200 || res.headers.has("set-cookie")) return null;
  const identity = new Uint8Array(await res.arrayBuffer());
  const headers: [string, string][] = [];
  res.headers.forEach((value, name) => {
    if (!["content-length", "content-encoding", "etag", "cache-control", "vary", "x-request-id"].includes(name)) {
      headers.push([name, value]);
    }
  });
  const bodies: Partial<Record<Encoding, Uint8Array>> = {};
  const type = res.headers.get("content-type") ?? "";
  if (identity.byteLength >= minCompressBytes && compressible.test(type)) {
    for (const [encoding, compress] of Object.entries(opts.compressors) as [Encoding, Compressor | null][]) {
      if (!compress) continue;
      const packed = await compress(identity);
      if (packed.byteLength < identity.byteLength) bodies[encoding] = packed;
    }
  }
  const etag = await etagOf(identity);
  const shared: Record<string, string> = {
    ...Object.fromEntries(headers),
    etag,
    "cache-control": opts.cacheControl,
    vary: "Accept-Encoding",
  };
  const variant = (encoding: Encoding | null, body: Uint8Array): Variant =>
    finished(
      { ...shared, ...(encoding ? { "content-encoding": encoding } : {}), "content-length": String(body.byteLength) },
      body,
      res.status,
    );
  const variants: Entry["variants"] = { identity: variant(null, identity) };
  for (const encoding of ["br", "gzip"] as const) {
    const body = bodies[encoding];
    if (body) variants[encoding] = variant(encoding, body);
  }
  const { "content-type": _, ...notModified } = shared;
  return {
    version,
    minute,
    status: res.status,
    etag,
    variants,
    notModified: finished(notModified, new Uint8Array(), 304),
  };
}

function finished(headers: Record<string, string>, body: Uint8Array, status: number): Variant {
  const flat = Object.entries(headers).flat();
  const prepared = (withBody: boolean): PreparedReply => ({
    status,
    flatHeaders: [...flat, "x-request-id", ""],
    body: withBody && status !== 304 ? body : null,
  });
  return { headers, body, prepared: { get: prepared(true), head: prepared(false) } };
}

/** One reply from an entry: the headers object is made only if asked (with the request id added). */
class Reply implements CachedReply {
  readonly status: number;
  readonly body: Uint8Array | null;
  readonly #variant: Variant;
  readonly #requestId: string | undefined;

  constructor(status: number, variant: Variant, requestId: string | undefined, body: Uint8Array | null) {
    this.status = status;
    this.body = body;
    this.#variant = variant;
    this.#requestId = requestId;
  }

  get headers(): Record<string, string> {
    const { headers } = this.#variant;
    return this.#requestId ? { ...headers, "x-request-id": this.#requestId } : headers;
  }
}

/**
 * What to answer a request with from an entry: a 304 when its ETag matches,
 * else the best encoding the client takes (no body for HEAD), with its request id.
 *
 * @example replyFrom({ method: "GET", acceptEncoding: "gzip" }, entry, preferred).headers["content-encoding"] // "gzip"
 */
export function replyFrom(
  req: CacheRequest,
  entry: Entry,
  preferred: (header: string | undefined) => Encoding[],
): CachedReply {
  if (req.ifNoneMatch && matchesEtag(req.ifNoneMatch, entry.etag)) {
    return new Reply(304, entry.notModified, req.requestId, null);
  }
  const encoding = preferred(req.acceptEncoding).find((e) => entry.variants[e]);
  const variant = (encoding && entry.variants[encoding]) || entry.variants.identity;
  return new Reply(entry.status, variant, req.requestId, req.method === "HEAD" ? null : variant.body);
}
