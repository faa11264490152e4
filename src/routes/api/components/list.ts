import { createRoute, z } from "@hono/zod-openapi";
import { listComponents } from "../../../services/components/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { ComponentSchema } from "./schema.ts";
import { componentJson } from "./to-json.ts";

/** GET /api/v1/components: any live key may read, so there is no scope middleware. */
export const listComponentsRoute = createRoute({
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
});

/** The slugs an incident or a subscriber can name. */
export function registerListComponents(api: Api) {
  api.openapi(listComponentsRoute, async (c) =>
    c.json({ data: (await listComponents(serviceContext(c))).map(componentJson) }, 200),
  );
}
