import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { PublicCache, PublicCacheOptions } from "../middleware/public-cache.ts";
import type { ApiKey } from "../services/api-keys.ts";
import { type Actor, type ServiceContext, systemActor } from "../services/context.ts";

/** What the app is built from; entries (Node, Workers, tests) supply it. */
export type Deps = {
  db: Db;
  config: Config;
  /** Defaults to the wall clock; tests pass a fake one. */
  clock?: () => Date;
  /** Channels that get outbox rows, and the hook that wakes the engine after a write. */
  delivery?: Pick<ServiceContext, "channels" | "afterCommit">;
  /** Channels Candor knows but this deployment has not configured, and why (for GET /api/v1/channels). */
  disabledChannels?: { name: string; reason: string }[];
  /** The peer's address as the runtime sees it (the Node entry reads the socket). */
  clientAddress?: (c: Context<AppEnv>) => string | undefined;
  /**
   * The public response cache, or its options (extra encodings such as
   * brotli on Node, how long a data version read is trusted). An entry that
   * answers hits itself passes the cache it built.
   */
  publicCache?: PublicCacheOptions | PublicCache;
};

export type AppEnv = {
  Variables: {
    deps: Deps & { clock: () => Date };
    apiKey: ApiKey | undefined;
    requestId: string;
  };
};

export type Api = OpenAPIHono<AppEnv>;

/** Builds the service context for this request: deps, the acting key and the request id. */
export function serviceContext(c: Context<AppEnv>): ServiceContext {
  const { db, config, clock, delivery } = c.var.deps;
  const key = c.var.apiKey;
  const actor: Actor = key ? { keyId: key.id, name: key.name } : systemActor;
  return { db, config, clock, actor, requestId: c.var.requestId, ...delivery };
}
