import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { type Actor, type ServiceContext, systemActor } from "../services/context.ts";

export type { Api, AppEnv, Deps } from "../app-env.ts";

/** Builds the service context for this request: deps, the acting key and the request id. */
export function serviceContext(c: Context<AppEnv>): ServiceContext {
  const { db, config, clock, delivery, resolveHost, observe } = c.var.deps;
  const key = c.var.apiKey;
  const actor: Actor = key ? { keyId: key.id, name: key.name } : systemActor;
  return { db, config, clock, actor, requestId: c.var.requestId, resolveHost, observe, ...delivery };
}
