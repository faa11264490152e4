import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { hideUpdate } from "../../../services/corrections/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { channelsNoteJson } from "./channels-note.ts";
import { security, tags } from "./common.ts";
import { channelsNoteFields, UpdateIdParam } from "./schema/correction.ts";
import { IncidentSchema } from "./schema/incident.ts";
import { IncidentUpdateSchema } from "./schema/update.ts";
import { incidentJson, updateJson } from "./to-json.ts";

/** DELETE /api/v1/incidents/{id}/updates/{update_id}: its own definition, so the OpenAPI document and the contract test read it. */
export const hideIncidentUpdateRoute = createRoute({
  method: "delete",
  path: "/api/v1/incidents/{id}/updates/{update_id}",
  tags,
  security,
  summary: "Hide an update that should never have been public",
  description:
    "Takes the update off the pages, feeds and v2 JSON; it stays in the database, and the API shows it to keys marked hidden. Its words go, not what it did: its status, promise and component statuses stand until a new update changes them. Channels that had not sent it will not (pending_channels); channels_with_old_text says which copies are already out. Refused (409) for the first update, which announced the incident, and for Candor's automatic updates. Audited; hiding a hidden update changes nothing.",
  middleware: requireScope("incidents:write"),
  request: { params: UpdateIdParam },
  responses: {
    200: {
      description: "Hidden",
      content: {
        "application/json": {
          schema: z.object({ data: IncidentUpdateSchema, incident: IncidentSchema, ...channelsNoteFields }),
        },
      },
    },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

/** Hiding keeps the row and the audit trail: the public record loses the words, the team's record does not. */
export function registerHideIncidentUpdate(api: Api) {
  api.openapi(hideIncidentUpdateRoute, async (c) => {
    const ctx = serviceContext(c);
    const { id, update_id } = c.req.valid("param");
    const { incident, update, channels } = await hideUpdate(ctx, { incidentId: id, updateId: update_id });
    return c.json(
      {
        data: updateJson(update),
        incident: incidentJson(incident, ctx.config.publicUrl),
        ...channelsNoteJson(channels),
      },
      200,
    );
  });
}
