import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { createComponent } from "../../../services/components/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import { one, security, tags } from "./common.ts";
import { CreateComponentSchema } from "./schema.ts";
import { componentJson } from "./to-json.ts";

/** POST /api/v1/components: its own definition, so the OpenAPI document and the contract test read it. */
export const createComponentRoute = createRoute({
  method: "post",
  path: "/api/v1/components",
  tags,
  security,
  summary: "Create a component",
  middleware: requireScope("components:write"),
  request: { body: jsonBody(CreateComponentSchema) },
  responses: { 201: { description: "Created", ...one }, ...writeErrors, ...errorResponses(409) },
});

/** A new part of the service the status page shows; a slug already taken is a 409. */
export function registerCreateComponent(api: Api) {
  api.openapi(createComponentRoute, async (c) => {
    const row = await createComponent(serviceContext(c), c.req.valid("json"));
    return c.json({ data: componentJson(row) }, 201);
  });
}
