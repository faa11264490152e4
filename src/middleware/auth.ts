import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { AppError } from "../errors.ts";
import { authenticate, hasScope, type Scope } from "../services/api-keys/index.ts";

/**
 * Requires `Authorization: Bearer <key>` naming a live key; 401 otherwise.
 *
 * @example api.use("/api/v1/*", requireKey())
 */
export function requireKey() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new AppError("UNAUTHORIZED", "Authorization: send an API key as 'Bearer <key>'");
    const { db, clock } = c.var.deps;
    const key = await authenticate(db, match[1], clock());
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
