import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { Config } from "../config.ts";

type HeaderList = [name: string, value: string][];

/**
 * The Content-Security-Policy of every HTML page. Scripts: only the inline
 * scripts in templates/, by hash (a hash, not a nonce, because the public
 * cache stores renders and serves them many times). Styles: the pages' own
 * <style> blocks, which interpolate the brand colour and the day labels, so
 * their hashes change with the data; 'unsafe-inline' for styles cannot run
 * code. Images: the page's logo (PAGE_LOGO_URL, any origin) and the data:
 * favicon. Everything else, plugins and <base> included, is refused.
 *
 * @example pagePolicy(config, ["'sha256-…'"]) // "default-src 'none'; script-src 'sha256-…'; …"
 */
export function pagePolicy(config: Config, scriptHashes: readonly string[]): string {
  const images = ["'self'", "data:"];
  if (config.pageLogoUrl) images.push(new URL(config.pageLogoUrl).origin);
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.length > 0 ? scriptHashes.join(" ") : "'none'"}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${images.join(" ")}`,
    // The API docs' "Try it" form calls the API on this origin.
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${config.pageFrameAncestors}`,
  ].join("; ");
}

/** The headers every response carries, HSTS only when the public URL is https. */
export function commonHeaders(config: Config): HeaderList {
  const headers: HeaderList = [
    ["x-content-type-options", "nosniff"],
    ["referrer-policy", "strict-origin-when-cross-origin"],
  ];
  // Over plain http a browser ignores HSTS, and a local or test deployment must never be pinned to https.
  if (new URL(config.publicUrl).protocol === "https:") headers.push(["strict-transport-security", "max-age=31536000"]);
  return headers;
}

/**
 * Sets the security headers on every response that leaves the app: nosniff,
 * the referrer policy and (on https) HSTS everywhere, and the page CSP on
 * HTML. A header a route set itself is kept. Mount it once outermost (errors,
 * 404s, cache hits) and once inside the public cache, so that the renders
 * the cache stores, and the Node entry serves straight from the socket,
 * 304s included, already carry the headers.
 *
 * @example app.use(securityHeaders(config, inlineScriptHashes));
 */
export function securityHeaders(config: Config, scriptHashes: readonly string[]): MiddlewareHandler<AppEnv> {
  const common = commonHeaders(config);
  const page: HeaderList = [...common, ["content-security-policy", pagePolicy(config, scriptHashes)]];
  return async (c, next) => {
    await next();
    const html = c.res.headers.get("content-type")?.startsWith("text/html") ?? false;
    const wanted = (html ? page : common).filter(([name]) => !c.res.headers.has(name));
    if (wanted.length === 0) return;
    let res = c.res;
    try {
      for (const [name, value] of wanted) res.headers.set(name, value);
    } catch {
      // Immutable headers (a Response.redirect or a fetched response): copy it.
      res = new Response(res.body, res);
      for (const [name, value] of wanted) res.headers.set(name, value);
      c.res = undefined;
      c.res = res;
    }
  };
}
