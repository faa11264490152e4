import { z } from "@hono/zod-openapi";
import { bearer, errorResponses } from "../schemas.ts";
import { AlertReportSchema } from "./schema.ts";

/** The OpenAPI tag and security every integration route shares, so they group and lock together in the document. */
export const tags = ["Integrations"];
export const security = bearer;

/** 200 for any notification that was processed, unknown components and all: senders retry anything else. */
export const responses = {
  200: {
    description: "Processed; what became of each alert",
    content: { "application/json": { schema: z.object({ data: AlertReportSchema }) } },
  },
  ...errorResponses(400, 401, 403, 413, 415),
};
