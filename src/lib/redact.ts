const urlPattern = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*/gi;

/**
 * Error text fit to store or show: every URL in it (`scheme://...`, with
 * whatever credentials or tokens it holds) becomes `[url]`. A second guard:
 * channels word their errors without URLs, but a library's message may still
 * quote one (fetch names the URL it could not build a request for).
 *
 * @example redactUrls("bad URL http://user:pass@host/x") // "bad URL [url]"
 */
export function redactUrls(text: string): string {
  return text.replace(urlPattern, "[url]");
}
