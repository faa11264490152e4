import type { Compressor, Encoding } from "../../app-env.ts";

/** gzip through the Compression Streams API (Node and Workers both have it). */
export const gzipWeb: Compressor = async (bytes) => {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};

/**
 * The encodings the client accepts (q > 0), from Accept-Encoding.
 *
 * @example acceptedEncodings("gzip;q=1, br;q=0") // Set { "gzip" }
 */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? "").split(",")) {
    const [raw, ...params] = part.toLowerCase().split(";");
    const token = raw.trim();
    if (!token) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) continue;
    accepted.add(token);
  }
  return accepted;
}

/**
 * The encodings a cache serves, best first, that a client's Accept-Encoding
 * allows. Clients send a handful of distinct Accept-Encoding values: each is
 * parsed once (up to 100 of them are remembered).
 *
 * @example const preferred = encodingPreferences(); preferred("gzip, br") // ["br", "gzip"]
 */
export function encodingPreferences(): (header: string | undefined) => Encoding[] {
  const preferences = new Map<string, Encoding[]>();
  return (header) => {
    const key = header ?? "";
    let found = preferences.get(key);
    if (!found) {
      const accepted = acceptedEncodings(header);
      found = (["br", "gzip"] as const).filter((e) => accepted.has(e) || accepted.has("*"));
      if (preferences.size < 100) preferences.set(key, found);
    }
    return found;
  };
}
