import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import { AppError } from "../errors.ts";

// Bodies Candor stores as text: JSON (and +json types), text/* (CSV imports)
// and urlencoded forms. Other types are left to the route, which answers 415.
const textual = /^(?:application\/(?:[\w.-]+\+)?json|text\/[\w.+-]+|application\/x-www-form-urlencoded)$/;
const utf8Names = new Set(["utf-8", "utf8"]);
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function invalid(field: "body" | "charset", message: string): AppError {
  return new AppError("INVALID_ENCODING", `${field}: ${message}`, [{ field, message }]);
}

/**
 * The charset a Content-Type declares when it is not UTF-8 (any case, quoted
 * or not; `utf8` too), else null. No charset means UTF-8, as JSON and Candor's
 * forms are.
 *
 * @example foreignCharset('application/json; charset="UTF-16"') // "UTF-16"
 */
export function foreignCharset(contentType: string): string | null {
  for (const param of contentType.split(";").slice(1)) {
    const at = param.indexOf("=");
    if (at < 0 || param.slice(0, at).trim().toLowerCase() !== "charset") continue;
    const value = param
      .slice(at + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    if (!utf8Names.has(value.toLowerCase())) return value;
  }
  return null;
}

/**
 * True when every percent-escape in an urlencoded body spells valid UTF-8:
 * URLSearchParams would turn `%FF` into U+FFFD without a word. A `%` that
 * starts no escape is a literal, as URLSearchParams reads it.
 */
function urlencodedIsUtf8(text: string): boolean {
  try {
    decodeURIComponent(text.replace(/%(?![0-9a-f]{2})/gi, "%25"));
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a textual body once and refuses it with 400 INVALID_ENCODING when
 * its declared charset is not UTF-8 or its bytes are not UTF-8 (a decoder
 * would store U+FFFD in their place, then tweet and email it). The checked
 * text is left in Hono's body cache, so `c.req.json()` and the validators
 * parse it without reading or decoding the body again.
 *
 * @example await requireUtf8(c); const body = await c.req.json();
 */
export async function requireUtf8(c: Context<AppEnv>): Promise<void> {
  if (!c.req.raw.body) return;
  const contentType = c.req.header("content-type") ?? "";
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  if (!textual.test(mediaType)) return;
  const charset = foreignCharset(contentType);
  if (charset !== null) throw invalid("charset", `must be UTF-8, not ${JSON.stringify(charset.slice(0, 40))}`);
  const bytes = await c.req.arrayBuffer();
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw invalid("body", "is not valid UTF-8; send the text encoded as UTF-8");
  }
  if (mediaType === "application/x-www-form-urlencoded" && !urlencodedIsUtf8(text)) {
    throw invalid("body", "has a percent-escape that is not valid UTF-8");
  }
  // Hono keeps promises in its body cache, whatever its declared type says.
  (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
}

/**
 * Middleware form of requireUtf8, for the API: mount it after the body limit
 * (so the 64 KB cap still applies while reading) and after authentication
 * (so a caller without a key gets 401, not a verdict on its bytes).
 *
 * @example app.use("/api/*", utf8Bodies());
 */
export function utf8Bodies(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await requireUtf8(c);
    await next();
  };
}
