import type { z } from "@hono/zod-openapi";
import { parseDuration } from "../../../lib/duration.ts";
import type { UpdateRequest } from "../../../services/incidents/index.ts";
import type { PostUpdateSchema } from "./schema/request.ts";

/** Maps a validated body to the service's request, with times as Dates. */
export function toUpdateRequest(body: z.infer<typeof PostUpdateSchema>): UpdateRequest {
  return {
    message: body.message,
    status: body.status,
    impact: body.impact,
    eta: body.eta === undefined ? undefined : body.eta === null ? null : new Date(body.eta),
    nextUpdateInMs: body.next_update_in === undefined ? undefined : (parseDuration(body.next_update_in) as number),
    nextUpdateAt: body.next_update_at === undefined ? undefined : new Date(body.next_update_at),
    components: body.components,
    notify: body.notify,
    tweet: body.tweet,
  };
}
