// The Node entry answers cache hits straight from the socket (src/entry/node.ts):
// the real process, spoken to over node:http so the bytes and headers are seen
// exactly as sent (fetch would decompress).
import { request } from "node:http";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { killAll, removeDir, startCandor, tempDir } from "../support/candor-process.ts";
import { nodeEntry } from "../support/log-file.ts";
import { freePort } from "../support/postgres-server.ts";

afterAll(killAll);

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

function raw(baseUrl: string, path: string, method: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("cache hits on the Node entry", () => {
  it("Should send a hit's encoding, ETag, Vary and a fresh request id, a 304 on a matching ETag, and no body for HEAD", async () => {
    const dir = tempDir("candor-e2e-hits-");
    try {
      const c = await startCandor(
        { PORT: String(await freePort()), HOST: "127.0.0.1", DATA_DIR: dir, PAGE_NAME: "Hits Status" },
        nodeEntry,
      );
      const browser = { "accept-encoding": "gzip, deflate, br, zstd" };
      expect((await raw(c.baseUrl, "/", "GET", browser)).status).toBe(200); // renders
      const [a, b] = [await raw(c.baseUrl, "/", "GET", browser), await raw(c.baseUrl, "/", "GET", browser)];
      for (const hit of [a, b]) {
        expect(hit.status).toBe(200);
        expect(hit.headers).toMatchObject({
          "content-type": "text/html; charset=UTF-8",
          "content-encoding": "br",
          vary: "Accept-Encoding",
          "content-length": String(hit.body.byteLength),
        });
        expect(hit.headers["cache-control"]).toContain("max-age=");
        expect(hit.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
        expect(brotliDecompressSync(hit.body).toString("utf8")).toContain("Hits Status");
      }
      expect(b.headers.etag).toBe(a.headers.etag);
      expect(b.headers["x-request-id"]).not.toBe(a.headers["x-request-id"]);

      const notModified = await raw(c.baseUrl, "/", "GET", { ...browser, "if-none-match": String(a.headers.etag) });
      expect(notModified.status).toBe(304);
      expect(notModified.body.byteLength).toBe(0);
      expect(notModified.headers).toMatchObject({ etag: a.headers.etag, vary: "Accept-Encoding" });
      expect(notModified.headers).not.toHaveProperty("content-type");
      expect(notModified.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);

      const head = await raw(c.baseUrl, "/", "HEAD", browser);
      expect(head.status).toBe(200);
      expect(head.body.byteLength).toBe(0);
      expect(head.headers["content-length"]).toBe(a.headers["content-length"]);

      const plain = await raw(c.baseUrl, "/", "GET", {});
      expect(plain.headers).not.toHaveProperty("content-encoding");
      expect(plain.body.toString("utf8")).toContain("Hits Status");
    } finally {
      await killAll();
      removeDir(dir);
    }
  }, 120_000);
});
