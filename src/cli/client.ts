import createClient from "openapi-fetch";
import { type ApiErrorBody, ApiRefusal, Stopped } from "./errors.ts";
import type { paths } from "./generated/api.ts";
import type { Connection } from "./settings.ts";

/** The typed client: every path, body and answer is checked against the app's OpenAPI document (scripts/build-cli.ts). */
export type Api = ReturnType<typeof createClient<paths>>;

/** The CLI's version, for the User-Agent: the server's access log tells the CLI's requests apart. */
const userAgent = "candor-cli/1";

/** A client for the connection; a failed connection becomes a `Stopped` with the address in it. */
export function apiClient(conn: Connection): Api {
  return createClient<paths>({
    baseUrl: conn.url,
    headers: { authorization: `Bearer ${conn.key}`, "user-agent": userAgent },
    fetch: async (request) => {
      try {
        return await fetch(request);
      } catch (err) {
        const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
        throw new Stopped(`could not reach Candor at ${conn.url}${cause}`);
      }
    },
  });
}

/** Anything that is not the API's error shape (a proxy's HTML page, say), worded as one. */
function asErrorBody(status: number, error: unknown): ApiErrorBody {
  const e = (error as ApiErrorBody | undefined)?.error;
  if (e && typeof e.message === "string") return error as ApiErrorBody;
  return { error: { code: `HTTP_${status}`, message: `Candor answered ${status}`, requestId: null } };
}

/**
 * The data of a successful answer; a refusal throws `ApiRefusal` (exit 1).
 *
 * @example const incident = await ok(api.GET("/api/v1/incidents/{id}", { params: { path: { id } } }));
 */
export async function ok<T>(
  answer: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Exclude<T, undefined>> {
  const { data, error, response } = await answer;
  if (!response.ok) throw new ApiRefusal(response.status, asErrorBody(response.status, error));
  return data as Exclude<T, undefined>;
}
