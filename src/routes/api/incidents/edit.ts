import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { editTitle } from "../../../services/corrections/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import { channelsNoteJson } from "./channels-note.ts";
import { IdParam, security, tags } from "./common.ts";
import { channelsNoteFields, EditIncidentSchema } from "./schema/correction.ts";
import { IncidentSchema } from "./schema/incident.ts";
import { incidentJson } from "./to-json.ts";

/** PATCH /api/v1/incidents/{id}: its own definition, so the OpenAPI document and the contract test read it. */
export const editIncidentRoute = createRoute({
  method: "patch",
  path: "/api/v1/incidents/{id}",
  tags,
  security,
  summary: "Correct an incident's title",
  description:
    "Corrects the title, open or resolved; the pages, feeds and v2 JSON show it with an edited mark and time. Nobody is notified again: channels_with_old_text says which copies still carry the old title. Status, impact, components and promises cannot be changed here: a change is a new update.",
  middleware: requireScope("incidents:write"),
  request: { params: IdParam, body: jsonBody(EditIncidentSchema) },
  responses: {
    200: {
      description: "Corrected (or unchanged, when the title was the same)",
      content: { "application/json": { schema: z.object({ data: IncidentSchema, ...channelsNoteFields }) } },
    },
    ...writeErrors,
    ...errorResponses(404, 409),
  },
});

/** A typo in a title is found late; it is corrected in place, and the engineer told where the old one went. */
export function registerEditIncident(api: Api) {
  api.openapi(editIncidentRoute, async (c) => {
    const ctx = serviceContext(c);
    const { incident, channels } = await editTitle(ctx, {
      incidentId: c.req.valid("param").id,
      title: c.req.valid("json").title,
    });
    return c.json({ data: incidentJson(incident, ctx.config.publicUrl), ...channelsNoteJson(channels) }, 200);
  });
}
