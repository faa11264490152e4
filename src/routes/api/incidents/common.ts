import { z } from "@hono/zod-openapi";

/** The OpenAPI tag and security every incident route shares, so they group and lock together in the document. */
export const tags = ["Incidents"];
export const security = [{ Bearer: [] }];

/** The `{id}` path parameter of one incident, capped so an absurd id is a 400 before any query. */
export const IdParam = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "inc_4k2x9v7m1q3r8t5w" }),
});
