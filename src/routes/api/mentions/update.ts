import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { updateMention } from "../../../services/mentions/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import { IdParam, security, tags } from "./common.ts";
import { MentionSchema, MentionStateSchema } from "./schema.ts";
import { mentionJson } from "./to-json.ts";

const UpdateMentionBody = z
  .strictObject({
    state: MentionStateSchema.optional(),
    note: z.string().max(2000).nullable().optional().openapi({ description: "for the next person; null clears it" }),
  })
  .refine((b) => b.state !== undefined || b.note !== undefined, {
    message: "send state, note or both",
    path: ["state"],
  })
  .openapi("UpdateMention");

/** PATCH /api/v1/mentions/{id}: a person's triage, so it needs mentions:write. */
export const updateMentionRoute = createRoute({
  method: "patch",
  path: "/api/v1/mentions/{id}",
  tags,
  security,
  summary: "Triage a post in the inbox: its state and a note",
  middleware: requireScope("mentions:write"),
  request: { params: IdParam, body: jsonBody(UpdateMentionBody) },
  responses: {
    200: { description: "The post", content: { "application/json": { schema: z.object({ data: MentionSchema }) } } },
    ...writeErrors,
    ...errorResponses(404),
  },
});

export function registerUpdateMention(api: Api) {
  api.openapi(updateMentionRoute, async (c) => {
    const body = c.req.valid("json");
    const row = await updateMention(serviceContext(c), { id: c.req.valid("param").id, ...body });
    return c.json({ data: mentionJson(row) }, 200);
  });
}
