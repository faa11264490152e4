import type { StatuspagePage } from "../render/statuspage/endpoints.ts";
import { ApiRefusal, Stopped } from "./errors.ts";
import type { Connection } from "./settings.ts";

/**
 * The page's name, public URL and PAGE_TIMEZONE, from the Statuspage-compatible
 * /api/v2/status.json the server publishes (public, and shaped by the
 * server's own `StatuspagePage` type): what the preview words times and
 * links with, and the zone "15:30" is read in.
 */
export async function pageInfo(conn: Connection): Promise<StatuspagePage> {
  let res: Response;
  try {
    res = await fetch(`${conn.url}/api/v2/status.json`);
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
    throw new Stopped(`could not reach Candor at ${conn.url}${cause}`);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok || !body?.page?.time_zone) {
    throw new ApiRefusal(
      res.status,
      body?.error
        ? body
        : {
            error: {
              code: `HTTP_${res.status}`,
              message: `GET /api/v2/status.json answered ${res.status}`,
              requestId: null,
            },
          },
    );
  }
  return body.page as StatuspagePage;
}
