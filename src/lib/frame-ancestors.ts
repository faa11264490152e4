// CSP 3's grammar for frame-ancestors: 'none' alone, or 'self', schemes
// (https:) and host sources (https://*.example.com:443/path). Anything else
// would break the whole header, or smuggle a directive in after a ";".
const schemeSource = /^[a-z][a-z0-9+.-]*:$/i;
const hostSource =
  /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?)(?::(?:\d{1,5}|\*))?(?:\/[^\s;,'"]*)?$/i;

export class FrameAncestorsError extends Error {
  override name = "FrameAncestorsError";
}

function why(token: string): string {
  const bare = token.toLowerCase();
  if (bare === "self" || bare === "none") return `write '${bare}' with its single quotes`;
  if (token.includes(";") || token.includes(",")) return "separate sources with spaces, not ; or ,";
  return "not 'self', a scheme such as https: or an origin such as https://example.com";
}

/**
 * Checks a frame-ancestors source list and returns it with single spaces
 * (keywords lower-cased), ready for the Content-Security-Policy header.
 *
 * @example parseFrameAncestors("'SELF'  https://intranet.example.com") // "'self' https://intranet.example.com"
 */
export function parseFrameAncestors(text: string): string {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) throw new FrameAncestorsError("must name at least one source, or 'none'");
  const sources = tokens.map((token) => {
    const keyword = token.toLowerCase();
    if (keyword === "'self'" || keyword === "'none'") return keyword;
    // A host named "self" is grammatical, but never what was meant.
    if (keyword === "self" || keyword === "none")
      throw new FrameAncestorsError(`${JSON.stringify(token)}: ${why(token)}`);
    if (schemeSource.test(token) || hostSource.test(token)) return token;
    throw new FrameAncestorsError(`${JSON.stringify(token)} is not a frame ancestor: ${why(token)}`);
  });
  if (sources.includes("'none'") && sources.length > 1) {
    throw new FrameAncestorsError("'none' must stand alone");
  }
  return sources.join(" ");
}
