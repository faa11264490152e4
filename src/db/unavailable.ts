/**
 * postgres.js's own codes for a connection that could not be made or was
 * lost (node_modules/postgres/src/connection.js, index.js), and the socket
 * errors it passes through.
 */
const clientCodes = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EPIPE",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs that say the server cannot serve now rather than that the query
 * was wrong: class 08 (connection exception), 57P01-57P03 (admin shutdown,
 * crash shutdown, cannot connect now) and 57014 (statement timeout or
 * cancel: the server is too slow to count on).
 */
function isUnavailableState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || code === "57P01" || code === "57P02" || code === "57P03" || code === "57014";
}

/**
 * True when an error (or one it wraps, as drizzle does) means the database
 * cannot be reached or cannot serve now: the request may succeed later
 * unchanged, so it is a 503, not a 500.
 *
 * @example isDatabaseUnavailable(Object.assign(new Error("x"), { code: "ECONNREFUSED" })) // true
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (clientCodes.has(code) || isUnavailableState(code))) return true;
    // The embedded PGlite after close() (a request that arrives while the process shuts down): it says so only in words.
    if (e instanceof Error && e.message === "PGlite is closed") return true;
    // AggregateError from a connect that tried several addresses (::1 and 127.0.0.1).
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.length > 0 && inner.every((x) => isDatabaseUnavailable(x))) return true;
  }
  return false;
}
