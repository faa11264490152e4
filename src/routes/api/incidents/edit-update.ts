import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { editUpdate } from "../../../services/corrections/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import { channelsNoteJson } from "./channels-note.ts";
import { security, tags } from "./common.ts";
import { channelsNoteFields, EditUpdateSchema, UpdateIdParam } from "./schema/correction.ts";
import { IncidentSchema } from "./schema/incident.ts";
import { IncidentUpdateSchema } from "./schema/update.ts";
import { incidentJson, updateJson } from "./to-json.ts";

/** PATCH /api/v1/incidents/{id}/updates/{update_id}: its own definition, so the OpenAPI document and the contract test read it. */
export const editIncidentUpdateRoute = createRoute({
  method: "patch",
  path: "/api/v1/incidents/{id}/updates/{update_id}",
  tags,
  security,
  summary: "Correct an update's message",
  description:
    "Corrects the words of a posted update, even once the incident is resolved; the pages, feeds and v2 JSON show them with an edited mark and time, and the audit log keeps the original. Nobody is notified again: channels that had not sent it yet send the correction (pending_channels), and channels_with_old_text says which copies already carry the old words. The status and the promise line (ETA, next update) cannot be corrected: they are commitments, and a change is a new update. Candor's own automatic updates cannot be corrected (409).",
  middleware: requireScope("incidents:write"),
  request: { params: UpdateIdParam, body: jsonBody(EditUpdateSchema) },
  responses: {
    200: {
      description: "Corrected (or unchanged, when the message was the same)",
      content: {
        "application/json": {
          schema: z.object({ data: IncidentUpdateSchema, incident: IncidentSchema, ...channelsNoteFields }),
        },
      },
    },
    ...writeErrors,
    ...errorResponses(404, 409),
  },
});

/** Typos are found late: the words are corrected in place, the commitments they carried never are. */
export function registerEditIncidentUpdate(api: Api) {
  api.openapi(editIncidentUpdateRoute, async (c) => {
    const ctx = serviceContext(c);
    const { id, update_id } = c.req.valid("param");
    const { incident, update, channels } = await editUpdate(ctx, {
      incidentId: id,
      updateId: update_id,
      message: c.req.valid("json").message,
    });
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
