import type { z } from "@hono/zod-openapi";
import { parseDuration } from "../../../lib/duration.ts";
import type { BackfillRequest } from "../../../services/incidents/index.ts";
import type { TemplatedUpdate } from "../../../services/templates/index.ts";
import type { DeclareIncidentSchema, PostUpdateSchema } from "./schema/request.ts";

/** Maps a validated body to the service's request, with times as Dates; a template fills the rest. */
export function toUpdateRequest(body: z.infer<typeof PostUpdateSchema>): TemplatedUpdate {
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
    template: body.template,
  };
}

/** A backfill's body (checked by its schema: title, times and updates are there) as the service's request. */
export function toBackfillRequest(body: z.infer<typeof DeclareIncidentSchema>): BackfillRequest {
  return {
    title: body.title as string,
    impact: body.impact,
    components: body.components,
    startedAt: new Date(body.started_at as string),
    resolvedAt: new Date(body.resolved_at as string),
    updates: (body.updates ?? []).map((u) => ({ status: u.status, message: u.message, at: new Date(u.at) })),
  };
}
