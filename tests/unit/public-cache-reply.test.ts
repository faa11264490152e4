import { describe, expect, it } from "vitest";
import { encodingPreferences } from "../../src/middleware/public-cache/encodings.ts";
import { captureEntry, preparedFrom, replyFrom } from "../../src/middleware/public-cache/entries.ts";

const page = "<!doctype html><p>All systems operational</p>".repeat(100);

async function entry() {
  const res = new Response(page, { headers: { "content-type": "text/html; charset=UTF-8", "x-request-id": "render" } });
  const captured = await captureEntry(res, 7, 1, { compressors: {}, cacheControl: "public, max-age=10" });
  if (!captured) throw new Error("not cached");
  return captured;
}

const pairs = (flat: readonly string[]) =>
  Object.fromEntries(flat.flatMap((v, i) => (i % 2 ? [] : [[v, flat[i + 1]]])));

describe("a cached reply's headers", () => {
  it("Should give the Node entry the same headers as names and values in turn, with this request's id", async () => {
    const cached = await entry();
    const reply = replyFrom(
      { method: "GET", acceptEncoding: "gzip", ifNoneMatch: undefined, requestId: "req-1" },
      cached,
      encodingPreferences(),
    );
    expect(reply.flatHeaders.length % 2).toBe(0);
    expect(pairs(reply.flatHeaders)).toEqual(reply.headers);
    expect(reply.headers).toMatchObject({
      "content-type": "text/html; charset=UTF-8",
      "content-length": String(page.length),
      etag: cached.etag,
      vary: "Accept-Encoding",
      "x-request-id": "req-1",
    });
    expect(reply.flatHeaders.filter((v) => v === "x-request-id")).toHaveLength(1);
  });

  it("Should not let one request's id reach the next request's headers", async () => {
    const cached = await entry();
    const preferred = encodingPreferences();
    const ask = (requestId?: string) =>
      replyFrom({ method: "GET", acceptEncoding: undefined, ifNoneMatch: undefined, requestId }, cached, preferred);
    const first = ask("req-1").flatHeaders;
    const second = ask("req-2").flatHeaders;
    expect(pairs(first)["x-request-id"]).toBe("req-1");
    expect(pairs(second)["x-request-id"]).toBe("req-2");
    expect(pairs(ask().flatHeaders)).not.toHaveProperty("x-request-id");
    expect(ask().headers).not.toHaveProperty("x-request-id");
  });

  it("Should answer a matching ETag with a 304 whose flat headers carry no content type and no body", async () => {
    const cached = await entry();
    const reply = replyFrom(
      { method: "GET", acceptEncoding: undefined, ifNoneMatch: cached.etag, requestId: "req-3" },
      cached,
      encodingPreferences(),
    );
    expect(reply.status).toBe(304);
    expect(reply.body).toBeNull();
    expect(pairs(reply.flatHeaders)).toEqual({
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
    expect(pairs(head.flatHeaders)["content-length"]).toBe(String(page.length));
  });
});

describe("a prepared reply (the Node entry's hits)", () => {
  const ask = (cached: Awaited<ReturnType<typeof entry>>, method: string, ifNoneMatch?: string) =>
    preparedFrom(method, "gzip, br", ifNoneMatch, cached, encodingPreferences());

  it("Should hold the same headers as replyFrom, with the request id's slot last, made once per render", async () => {
    const cached = await entry();
    const prepared = ask(cached, "GET");
    const reply = replyFrom(
      { method: "GET", acceptEncoding: "gzip, br", ifNoneMatch: undefined, requestId: "req-9" },
      cached,
      encodingPreferences(),
    );
    expect(prepared.status).toBe(200);
    expect(prepared.flatHeaders.slice(-2, -1)).toEqual(["x-request-id"]);
    expect(pairs([...prepared.flatHeaders.slice(0, -1), "req-9"])).toEqual(reply.headers);
    expect(Buffer.from(prepared.body as Uint8Array)).toEqual(Buffer.from(page));
    // The same object for every hit: nothing is allocated per request.
    expect(ask(cached, "GET")).toBe(prepared);
  });

  it("Should prepare the 304 and the HEAD as replyFrom answers them", async () => {
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
    const preferred = encodingPreferences();
    const encodingOf = (acceptEncoding: string | undefined) =>
      pairs(preparedFrom("GET", acceptEncoding, undefined, cached, preferred).flatHeaders)["content-encoding"];
    expect(encodingOf("gzip, deflate, br, zstd")).toBe("br");
    expect(encodingOf("gzip")).toBe("gzip");
    expect(encodingOf(undefined)).toBeUndefined();
    expect(encodingOf("br;q=0, gzip;q=0")).toBeUndefined();
  });
});
