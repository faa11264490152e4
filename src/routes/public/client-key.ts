import type { Context } from "hono";
import type { AppEnv } from "../env.ts";

/**
 * The address a limit is kept for: the socket's, or the proxy's header when
 * TRUST_PROXY is on (otherwise anyone could pick their own key by sending it).
 */
export function clientKey(c: Context<AppEnv>): string {
  const { config, clientAddress } = c.var.deps;
  if (config.trustProxy) {
    const forwarded = c.req.header("cf-connecting-ip") ?? c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return clientAddress?.(c) ?? "unknown";
}
