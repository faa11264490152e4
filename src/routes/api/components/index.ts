import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import {
  createComponent,
  deleteComponent,
  listComponents,
  updateComponent,
} from "../../../services/components/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import { ComponentSchema, CreateComponentSchema, componentJson, PatchComponentSchema, SlugParam } from "./schema.ts";

const tags = ["Components"];
const security = [{ Bearer: [] }];
const one = { content: { "application/json": { schema: z.object({ data: ComponentSchema }) } } };

/** Registers the component routes on the management API. */
export function registerComponentRoutes(api: Api) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/components",
      tags,
      security,
      summary: "List components",
      responses: {
        200: {
          description: "Live components in display order",
          content: { "application/json": { schema: z.object({ data: z.array(ComponentSchema) }) } },
        },
        ...errorResponses(401),
      },
    }),
    async (c) => c.json({ data: (await listComponents(serviceContext(c))).map(componentJson) }, 200),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/components",
      tags,
      security,
      summary: "Create a component",
      middleware: requireScope("components:write"),
      request: { body: jsonBody(CreateComponentSchema) },
      responses: { 201: { description: "Created", ...one }, ...writeErrors, ...errorResponses(409) },
    }),
    async (c) => {
      const row = await createComponent(serviceContext(c), c.req.valid("json"));
      return c.json({ data: componentJson(row) }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/components/{slug}",
      tags,
      security,
      summary: "Edit a component or set its status",
      middleware: requireScope("components:write"),
      request: { params: SlugParam, body: jsonBody(PatchComponentSchema) },
      responses: { 200: { description: "Updated", ...one }, ...writeErrors, ...errorResponses(404) },
    }),
    async (c) => {
      const row = await updateComponent(serviceContext(c), c.req.valid("param").slug, c.req.valid("json"));
      return c.json({ data: componentJson(row) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/components/{slug}",
      tags,
      security,
      summary: "Delete a component (past incidents keep naming it)",
      middleware: requireScope("components:write"),
      request: { params: SlugParam },
      responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await deleteComponent(serviceContext(c), c.req.valid("param").slug);
      return c.body(null, 204);
    },
  );
}
