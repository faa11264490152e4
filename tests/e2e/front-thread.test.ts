// The front thread (ADR 0015) owns the public socket: hits are answered there,
// everything else is passed to the app over the worker's message port. The
// real process, over node:http.
import { request } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { killAll, removeDir, startCandor, stopGracefully, tempDir } from "../support/candor-process.ts";
import { nodeEntry } from "../support/log-file.ts";
import { freePort } from "../support/postgres-server.ts";

afterAll(killAll);

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

function raw(
  baseUrl: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method: init.method ?? "GET", headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const token = "front-admin-token-0123456789abcdef";

describe("the front thread", () => {
  it("Should show a write on the very next read, and pass bodies, errors and request ids through", async () => {
    const dir = tempDir("candor-e2e-front-");
    try {
      const c = await startCandor(
        {
          PORT: String(await freePort()),
          HOST: "127.0.0.1",
          DATA_DIR: dir,
          CANDOR_ADMIN_TOKEN: token,
          LOG_CHANNEL: "off",
        },
        nodeEntry,
      );
      const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
      // Rendered, then served by the front (no incident yet).
      for (let i = 0; i < 3; i++) expect((await raw(c.baseUrl, "/api/v2/summary.json")).status).toBe(200);
      for (let i = 0; i < 5; i++) {
        const declared = await raw(c.baseUrl, "/api/v1/incidents", {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ title: `Login errors ${i}`, message: "Looking into it.", next_update_in: "PT1H" }),
        });
        expect(declared.status).toBe(201);
        expect(declared.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
        // Read-your-write: the very next read, answered wherever, shows it.
        const summary = JSON.parse((await raw(c.baseUrl, "/api/v2/summary.json")).body.toString("utf8"));
        expect(summary.incidents.map((x: { name: string }) => x.name)).toContain(`Login errors ${i}`);
      }
      const bad = await raw(c.baseUrl, "/api/v1/incidents", { method: "POST", headers: auth, body: "{" });
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body.toString("utf8")).error.code).toBeTruthy();
      const hit = await raw(c.baseUrl, "/api/v2/summary.json");
      expect(hit.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      await stopGracefully(c.proc);
    } finally {
      removeDir(dir);
    }
  }, 60_000);
});
