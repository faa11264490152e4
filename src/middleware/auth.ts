import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { AppError } from "../errors.ts";
import { sha256Hex, timingSafeEqual } from "../lib/crypto.ts";
import { authenticate, hasScope, type Scope } from "../services/api-keys/index.ts";

/** The secret in `Authorization: Bearer <secret>`; 401 without one. */
function bearer(c: Context<AppEnv>): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
  if (!match) throw new AppError("UNAUTHORIZED", "Authorization: send an API key as 'Bearer <key>'");
  return match[1];
}

/**
 * Requires `Authorization: Bearer <key>` naming a live key; 401 otherwise.
 *
 * @example api.use("/api/v1/*", requireKey())
 */
export function requireKey() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { db, clock } = c.var.deps;
    const key = await authenticate(db, bearer(c), clock());
    if (!key) throw new AppError("UNAUTHORIZED", "Authorization: the API key is unknown or revoked");
    c.set("apiKey", key);
    await next();
  });
}

/** Requires the authenticated key to carry `scope` (admin carries all); 403 otherwise. */
export function requireScope(scope: Scope) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = c.var.apiKey;
    if (!key) throw new AppError("UNAUTHORIZED", "Authorization: send an API key as 'Bearer <key>'");
    if (!hasScope(key, scope)) throw new AppError("FORBIDDEN", `this key lacks the ${scope} scope`);
    await next();
  });
}

/**
 * Lets in `Authorization: Bearer <token()>` when a token is configured
 * (METRICS_TOKEN: a scraper's one secret, checked without the database),
 * else requires a live key with `scope` as requireKey and requireScope do.
 * Both secrets are hashed before they are compared, in constant time: the
 * time taken says nothing of the token, not even its length.
 *
 * @example app.get("/metrics", requireScopeOrToken("metrics:read", (c) => c.var.deps.config.metricsToken), handler)
 */
export function requireScopeOrToken(scope: Scope, token: (c: Context<AppEnv>) => string | undefined) {
  const key = requireKey();
  const scoped = requireScope(scope);
  return createMiddleware<AppEnv>(async (c, next) => {
    const expected = token(c);
    if (expected && timingSafeEqual(await sha256Hex(bearer(c)), await sha256Hex(expected))) return next();
    return key(c, async () => {
      await scoped(c, next);
    });
  });
}
