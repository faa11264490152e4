import type { Encoding, PreparedReply, ServedRender } from "../../app-env.ts";
import type { Entry } from "./entries.ts";
import { matchesEtag } from "./etag.ts";

/**
 * A render in the form a front thread serves (ADR 0015): its replies made at
 * render time, for each encoding, for GET and HEAD, and the 304; with what
 * the front counts a hit on it as (its route's index in cachedRoutes, and
 * whether it is the copy served while the database is down).
 *
 * @example servedForm(entry, { route: 0, stale: false }).identity.get.status // 200
 */
export function servedForm(entry: Entry, counted: { route: number; stale: boolean }): ServedRender {
  const both = (v: Entry["variants"]["identity"]) => ({ get: v.prepared.get, head: v.prepared.head });
  return {
    route: counted.route,
    stale: counted.stale,
    etag: entry.etag,
    identity: both(entry.variants.identity),
    ...(entry.variants.br ? { br: both(entry.variants.br) } : {}),
    ...(entry.variants.gzip ? { gzip: both(entry.variants.gzip) } : {}),
    notModified: entry.notModified.prepared.get,
  };
}

/**
 * What a front thread answers a GET or HEAD with from a served render: the
 * same choice the app's cache makes (a 304 when the ETag matches, else the
 * best encoding the client takes, no body for HEAD), with nothing allocated
 * per request. The caller writes the request id into the last header value.
 *
 * @example servedReply(form, "GET", "gzip, br", undefined, encodingPreferences()).flatHeaders.at(-2) // "x-request-id"
 */
export function servedReply(
  form: ServedRender,
  method: string,
  acceptEncoding: string | undefined,
  ifNoneMatch: string | undefined,
  preferred: (header: string | undefined) => Encoding[],
): PreparedReply {
  if (ifNoneMatch && matchesEtag(ifNoneMatch, form.etag)) return form.notModified;
  let variant = form.identity;
  for (const encoding of preferred(acceptEncoding)) {
    const found = form[encoding];
    if (found) {
      variant = found;
      break;
    }
  }
  return method === "HEAD" ? variant.head : variant.get;
}
