import type { Hono } from "hono";
import { cors } from "hono/cors";
import { AppError } from "../../errors.ts";
import { statuspageDocument, statuspageEndpoints } from "../../services/statuspage/index.ts";
import { type AppEnv, serviceContext } from "../env.ts";

const jsonType = "application/json; charset=utf-8";

/**
 * Statuspage's public v2 JSON API (summary, status, components, incidents,
 * scheduled maintenances), so that existing Statuspage clients and widgets
 * read Candor unchanged. Open to every origin; unknown /api/v2 paths get the
 * app's 404 JSON.
 *
 * @example
 * registerStatuspageV2Routes(app);
 * const res = await app.request("/api/v2/status.json");
 * // {"page":{...},"status":{"indicator":"none","description":"All Systems Operational"}}
 */
export function registerStatuspageV2Routes(app: Hono<AppEnv>) {
  app.use("/api/v2/*", cors({ origin: "*", allowMethods: ["GET", "HEAD", "OPTIONS"] }));
  app.use("/api/v2/*", async (c, next) => {
    await next();
    // Errors and 404s leave as the app's JSON error: say the charset there too.
    if (c.res.headers.get("content-type") === "application/json") c.res.headers.set("content-type", jsonType);
  });
  for (const endpoint of statuspageEndpoints) {
    app.get(`/api/v2/${endpoint}.json`, async (c) => {
      const document = await statuspageDocument(serviceContext(c), endpoint);
      return c.body(JSON.stringify(document), 200, { "content-type": jsonType });
    });
  }
  // Thrown from a handler (not left to app.notFound) so the headers above are added to the 404 too.
  app.all("/api/v2/*", (c) => {
    throw new AppError("NOT_FOUND", `no Statuspage v2 endpoint for ${c.req.method} ${c.req.path}`);
  });
}
