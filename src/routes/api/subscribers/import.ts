import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { importSubscribers } from "../../../services/subscribers/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { ErrorSchema, errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { csvOrJson } from "./csv-or-json.ts";
import { ImportJsonSchema, ImportResultSchema } from "./schema.ts";

/** The import takes a whole file, so it may be larger than other bodies (app.ts applies this limit). */
export const subscriberImport = { path: "/api/v1/subscribers/import", maxBytes: 5 * 1024 * 1024, words: "5 MB" };

/** POST /api/v1/subscribers/import: adds pre-confirmed addresses, so it needs admin. */
export const importSubscribersRoute = createRoute({
  method: "post",
  path: subscriberImport.path,
  tags,
  security,
  summary: "Import email addresses from CSV, pre-confirmed, all or nothing",
  description:
    "A header line names the columns: email (required) and components (optional; slugs separated by spaces or |). An export can be imported as it is: webhook rows and rows whose state is not active are skipped. Every line is checked before anything is written; a problem is a 400 naming its line. At most 5 MB.",
  middleware: [requireScope("admin"), csvOrJson] as const,
  request: {
    body: {
      required: false,
      content: {
        "text/csv": { schema: z.string().openapi({ example: "email,components\nops@example.com,api web\n" }) },
        "application/json": { schema: ImportJsonSchema },
      },
    },
  },
  responses: {
    200: {
      description: "Imported",
      content: { "application/json": { schema: z.object({ data: ImportResultSchema }) } },
    },
    ...errorResponses(400, 401, 403),
    413: { description: "Body over 5 MB", content: { "application/json": { schema: ErrorSchema } } },
    415: {
      description: "Body neither CSV nor JSON",
      content: { "application/json": { schema: ErrorSchema } },
    },
  },
});

/** Moving from another provider: a CSV file as it is, or wrapped in JSON for clients that only send JSON. */
export function registerImportSubscribers(api: Api) {
  api.openapi(importSubscribersRoute, async (c) => {
    const json = /json/i.test(c.req.header("content-type") ?? "");
    const csv = json ? (c.req.valid("json") as { csv: string }).csv : await c.req.text();
    const counts = await importSubscribers(serviceContext(c), csv);
    return c.json({ data: counts }, 200);
  });
}
