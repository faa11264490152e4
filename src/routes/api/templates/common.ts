import { z } from "@hono/zod-openapi";
import { bearer } from "../schemas.ts";
import { TemplateSchema } from "./schema.ts";

/** The OpenAPI tag and security every template route shares, so they group and lock together in the document. */
export const tags = ["Templates"];
export const security = bearer;

/** Writes answer with the one template as it now stands. */
export const one = { content: { "application/json": { schema: z.object({ data: TemplateSchema }) } } };
