import { describe, expect, it } from "vitest";
import { encodingPreferences } from "../../src/middleware/public-cache/encodings.ts";
import { captureEntry, replyFrom } from "../../src/middleware/public-cache/entries.ts";
import { servedForm, servedReply } from "../../src/middleware/public-cache/served.ts";

const page = "<!doctype html><p>All systems operational</p>".repeat(100);

async function entry() {
  const res = new Response(page, { headers: { "content-type": "text/html; charset=UTF-8", "x-request-id": "render" } });
  const captured = await captureEntry(res, 7, 1, { compressors: {}, cacheControl: "public, max-age=10" });
  if (!captured) throw new Error("not cached");
  return captured;
}

const pairs = (flat: readonly string[]) =>
  Object.fromEntries(flat.flatMap((v, i) => (i % 2 ? [] : [[v, flat[i + 1]]])));

describe("a cached reply's headers (the app's path)", () => {
  it("Should carry the render's headers with this request's id, not the render's", async () => {
    const cached = await entry();
    const reply = replyFrom(
      { method: "GET", acceptEncoding: "gzip", ifNoneMatch: undefined, requestId: "req-1" },
      cached,
      encodingPreferences(),
    );
    expect(reply.headers).toMatchObject({
      "content-type": "text/html; charset=UTF-8",
      "content-length": String(page.length),
      etag: cached.etag,
      vary: "Accept-Encoding",
      "x-request-id": "req-1",
    });
  });

  it("Should not let one request's id reach the next request's headers", async () => {
    const cached = await entry();
    const preferred = encodingPreferences();
    const ask = (requestId?: string) =>
      replyFrom({ method: "GET", acceptEncoding: undefined, ifNoneMatch: undefined, requestId }, cached, preferred);
    expect(ask("req-1").headers["x-request-id"]).toBe("req-1");
    expect(ask("req-2").headers["x-request-id"]).toBe("req-2");
    expect(ask().headers).not.toHaveProperty("x-request-id");
  });

  it("Should answer a matching ETag with a 304 that carries no content type and no body", async () => {
    const cached = await entry();
    const reply = replyFrom(
      { method: "GET", acceptEncoding: undefined, ifNoneMatch: cached.etag, requestId: "req-3" },
      cached,
      encodingPreferences(),
    );
    expect(reply.status).toBe(304);
    expect(reply.body).toBeNull();
    expect(reply.headers).toEqual({
      etag: cached.etag,
      "cache-control": "public, max-age=10",
      vary: "Accept-Encoding",
      "x-request-id": "req-3",
    });
  });

  it("Should send the headers of a GET but no body for a HEAD", async () => {
    const cached = await entry();
    const head = replyFrom(
      { method: "HEAD", acceptEncoding: undefined, ifNoneMatch: undefined },
      cached,
      encodingPreferences(),
    );
    expect(head.body).toBeNull();
    expect(head.headers["content-length"]).toBe(String(page.length));
  });
});

describe("a served reply (the front thread's hits)", () => {
  const ask = (cached: Awaited<ReturnType<typeof entry>>, method: string, ifNoneMatch?: string) =>
    servedReply(servedForm(cached, { route: 0, stale: false }), method, "gzip, br", ifNoneMatch, encodingPreferences());

  it("Should hold the same headers as the app's reply, with the request id's slot last, made once per render", async () => {
    const cached = await entry();
    const served = ask(cached, "GET");
    const reply = replyFrom(
      { method: "GET", acceptEncoding: "gzip, br", ifNoneMatch: undefined, requestId: "req-9" },
      cached,
      encodingPreferences(),
    );
    expect(served.status).toBe(200);
    expect(served.flatHeaders.slice(-2, -1)).toEqual(["x-request-id"]);
    expect(pairs([...served.flatHeaders.slice(0, -1), "req-9"])).toEqual(reply.headers);
    expect(Buffer.from(served.body as Uint8Array)).toEqual(Buffer.from(page));
    // The same object for every hit: nothing is allocated per request.
    expect(ask(cached, "GET")).toBe(served);
  });

  it("Should serve the 304 and the HEAD as the app answers them", async () => {
    const cached = await entry();
    const notModified = ask(cached, "GET", cached.etag);
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBeNull();
    expect(pairs(notModified.flatHeaders)).not.toHaveProperty("content-type");
    const head = ask(cached, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(pairs(head.flatHeaders)["content-length"]).toBe(String(page.length));
  });

  it("Should pick the best encoding the client takes, and identity when it takes none", async () => {
    const res = new Response(page, { headers: { "content-type": "text/html; charset=UTF-8" } });
    const squeeze = async (bytes: Uint8Array) => bytes.subarray(0, 10);
    const cached = await captureEntry(res, 1, 1, {
      compressors: { br: squeeze, gzip: squeeze },
      cacheControl: "public, max-age=10",
    });
    if (!cached) throw new Error("not cached");
    const form = servedForm(cached, { route: 0, stale: false });
    const preferred = encodingPreferences();
    const encodingOf = (acceptEncoding: string | undefined) =>
      pairs(servedReply(form, "GET", acceptEncoding, undefined, preferred).flatHeaders)["content-encoding"];
    expect(encodingOf("gzip, deflate, br, zstd")).toBe("br");
    expect(encodingOf("gzip")).toBe("gzip");
    expect(encodingOf(undefined)).toBeUndefined();
    expect(encodingOf("br;q=0, gzip;q=0")).toBeUndefined();
  });
});
