import { OpenAPIHono } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { requestId } from "hono/request-id";
import type { AppEnv, Deps } from "./app-env.ts";
import { databaseHealth } from "./db/health.ts";
import { AppError } from "./errors.ts";
import { accessLog } from "./middleware/access-log.ts";
import { requireKey } from "./middleware/auth.ts";
import { databaseGate } from "./middleware/database-gate.ts";
import { utf8Bodies } from "./middleware/encoding.ts";
import { onError, validationHook } from "./middleware/errors.ts";
import { publicCache } from "./middleware/public-cache/index.ts";
import { requestMetrics } from "./middleware/request-metrics.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { inlineScriptHashes } from "./render/index.ts";
import { registerApiKeyRoutes } from "./routes/api/api-keys/index.ts";
import { registerChannelRoutes } from "./routes/api/channels/index.ts";
import { registerComponentRoutes } from "./routes/api/components/index.ts";
import { registerDeliveryRoutes } from "./routes/api/deliveries/index.ts";
import { registerEtaAdviceRoutes } from "./routes/api/eta-advice/index.ts";
import { registerIncidentRoutes } from "./routes/api/incidents/index.ts";
import { registerIntegrationRoutes } from "./routes/api/integrations/index.ts";
import { registerListenAlertRoutes } from "./routes/api/listen-alerts/index.ts";
import { registerMaintenanceRoutes } from "./routes/api/maintenances/index.ts";
import { registerMentionRoutes } from "./routes/api/mentions/index.ts";
import { registerStatsRoutes } from "./routes/api/stats/index.ts";
import { registerSubscriberRoutes, subscriberImport } from "./routes/api/subscribers/index.ts";
import { registerTemplateRoutes } from "./routes/api/templates/index.ts";
import { registerDocs } from "./routes/docs.ts";
import { registerHealthRoutes } from "./routes/health.ts";
import { registerMetricsRoute } from "./routes/metrics/index.ts";
import { registerPublicRoutes } from "./routes/public/index.ts";

export type { Deps } from "./app-env.ts";

const openApiPath = "/api/v1/openapi.json";
const maxBodyBytes = 64 * 1024;
const alertsPath = "/api/v1/integrations/";

/**
 * Builds the Candor app. It reads no environment and opens no socket: the
 * Node entry, the Workers entry and the tests all pass their own deps.
 *
 * @example
 * const app = createApp({ db, config });
 * const res = await app.request("/healthz");
 */
export function createApp(deps: Deps) {
  const dbHealth = deps.dbHealth ?? databaseHealth({ probe: () => deps.db.execute(sql`select 1`) });
  const resolved = { ...deps, clock: deps.clock ?? (() => new Date()), dbHealth };
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  if (deps.metrics) app.use(requestMetrics(deps.metrics.requestDone));
  app.use(requestId());
  // Outermost but for the id, so it times and sees every answer, errors and cache hits included.
  app.use(accessLog(deps.log));
  // nosniff, the referrer policy, HSTS on https and the page CSP, on every response, errors included.
  const headers = securityHeaders(deps.config, inlineScriptHashes);
  app.use(headers);
  // Postgres cannot store NUL: refuse it in the path and query up front, naming where.
  app.use(async (c, next) => {
    if (c.req.path.includes("\0"))
      throw AppError.invalid([{ field: "path", message: "must not contain NUL characters" }]);
    for (const [name, values] of Object.entries(c.req.queries())) {
      if (values.some((v) => v.includes("\0"))) {
        throw AppError.invalid([{ field: name, message: "must not contain NUL characters" }]);
      }
    }
    await next();
  });
  app.use(
    createMiddleware<AppEnv>(async (c, next) => {
      c.set("deps", resolved);
      await next();
    }),
  );
  // Pages, feeds and the v2 JSON: rendered once per data change, then served from memory.
  const cache =
    deps.publicCache && "middleware" in deps.publicCache
      ? deps.publicCache
      : publicCache({ health: dbHealth, count: deps.metrics?.cacheResult, ...deps.publicCache });
  app.use(cache.middleware);
  // Again inside the cache, so the renders it stores (and the Node entry serves from the socket) carry them.
  app.use(headers);
  app.use(databaseGate(dbHealth));
  const limitBody = (maxSize: number, words: string) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError("PAYLOAD_TOO_LARGE", `body: must be at most ${words}`);
      },
    });
  const smallBody = limitBody(maxBodyBytes, "64 KB");
  // A CSV import carries a whole file, and a group of alerts can be long: they alone may be larger.
  const importBody = limitBody(subscriberImport.maxBytes, subscriberImport.words);
  const alertsBody = limitBody(1024 * 1024, "1 MB");
  const bodyLimitFor = (path: string) =>
    path === subscriberImport.path ? importBody : path.startsWith(alertsPath) ? alertsBody : smallBody;
  for (const path of ["/api/*", "/subscribe", "/subscribe/chat", "/unsubscribe/*"])
    app.use(path, (c, next) => bodyLimitFor(c.req.path)(c, next));
  app.use("/api/v1/*", async (c, next) => (c.req.path === openApiPath ? next() : requireKey()(c, next)));
  // Text that is not UTF-8 would be stored as U+FFFD, then tweeted and emailed: refuse it first.
  app.use("/api/*", utf8Bodies());

  app.openAPIRegistry.registerComponent("securitySchemes", "Bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API key created with POST /api/v1/api-keys, or printed on first start",
  });
  registerComponentRoutes(app);
  registerIncidentRoutes(app);
  registerTemplateRoutes(app);
  registerEtaAdviceRoutes(app);
  registerMaintenanceRoutes(app);
  registerApiKeyRoutes(app);
  registerDeliveryRoutes(app);
  registerChannelRoutes(app);
  registerStatsRoutes(app);
  registerSubscriberRoutes(app);
  registerMentionRoutes(app);
  registerListenAlertRoutes(app);
  registerIntegrationRoutes(app);

  const docConfig = {
    openapi: "3.1.0",
    info: {
      title: "Candor API",
      version: "1",
      description: "Declare incidents and keep customers honestly informed on every channel.",
    },
  };
  app.doc31(openApiPath, docConfig);
  registerDocs(app, () => app.getOpenAPI31Document(docConfig) as never, openApiPath);
  registerHealthRoutes(app);
  if (deps.metrics) registerMetricsRoute(app, deps.metrics);
  registerPublicRoutes(app);

  app.notFound((c) => {
    throw new AppError("NOT_FOUND", `no route for ${c.req.method} ${c.req.path}`);
  });
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
