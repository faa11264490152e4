import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { updateComponent } from "../../../services/components/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import { one, security, tags } from "./common.ts";
import { PatchComponentSchema, SlugParam } from "./schema.ts";
import { componentJson } from "./to-json.ts";

/** PATCH /api/v1/components/{slug}: its own definition, so the OpenAPI document and the contract test read it. */
export const updateComponentRoute = createRoute({
  method: "patch",
  path: "/api/v1/components/{slug}",
  tags,
  security,
  summary: "Edit a component or set its status",
  middleware: requireScope("components:write"),
  request: { params: SlugParam, body: jsonBody(PatchComponentSchema) },
  responses: { 200: { description: "Updated", ...one }, ...writeErrors, ...errorResponses(404) },
});

/** Renames, regroups or sets a status by hand, outside any incident. */
export function registerUpdateComponent(api: Api) {
  api.openapi(updateComponentRoute, async (c) => {
    const row = await updateComponent(serviceContext(c), c.req.valid("param").slug, c.req.valid("json"));
    return c.json({ data: componentJson(row) }, 200);
  });
}
