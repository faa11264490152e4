import { z } from "@hono/zod-openapi";
import { bearer } from "../schemas.ts";
import { ComponentSchema } from "./schema.ts";

/** The OpenAPI tag and security every component route shares, so they group and lock together in the document. */
export const tags = ["Components"];
export const security = bearer;

/** Writes answer with the one component as it now stands. */
export const one = { content: { "application/json": { schema: z.object({ data: ComponentSchema }) } } };
