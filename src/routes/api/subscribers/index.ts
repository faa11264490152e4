import { createRoute, z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { AppError } from "../../../errors.ts";
import { requireScope } from "../../../middleware/auth.ts";
import {
  addSubscriber,
  deleteSubscriber,
  exportSubscribersCsv,
  importSubscribers,
  listSubscribers,
} from "../../../services/subscribers/index.ts";
import { type Api, type AppEnv, serviceContext } from "../../env.ts";
import { ErrorSchema, errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import {
  AddSubscriberSchema,
  ImportJsonSchema,
  ImportResultSchema,
  SubscriberSchema,
  SubscriberStateSchema,
  SubscriberTypeSchema,
  subscriberJson,
} from "./schema.ts";

const tags = ["Subscribers"];
const security = [{ Bearer: [] }];
const read = requireScope("subscribers:read");
const admin = requireScope("admin");

/** The import takes a whole file, so it may be larger than other bodies (app.ts applies this limit). */
export const subscriberImport = { path: "/api/v1/subscribers/import", maxBytes: 5 * 1024 * 1024, words: "5 MB" };

const IdParam = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "sub_4k2x9v7m1q3r8t5w" }),
});

/** CSV (text/csv or text/plain) or JSON `{ csv }`; anything else is a 415 that says so. */
const csvOrJson = createMiddleware<AppEnv>(async (c, next) => {
  const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "text/csv" && type !== "text/plain" && !/^application\/([a-z.-]+\+)?json$/.test(type)) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "body: send the file with Content-Type: text/csv, or JSON { csv } with Content-Type: application/json",
    );
  }
  await next();
});

/** Registers the admin subscriber API: list and export (subscribers:read); add, delete and import (admin). */
export function registerSubscriberRoutes(api: Api) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/subscribers",
      tags,
      security,
      summary: "List subscribers, newest first",
      description: "Email addresses and webhooks in every state. Webhook secrets are never listed.",
      middleware: read,
      request: {
        query: z.object({
          type: SubscriberTypeSchema.optional(),
          state: SubscriberStateSchema.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z.string().max(200).optional().openapi({ description: "next_cursor from the previous page" }),
        }),
      },
      responses: {
        200: {
          description: "A page of subscribers",
          content: {
            "application/json": {
              schema: z.object({ data: z.array(SubscriberSchema), next_cursor: z.string().nullable() }),
            },
          },
        },
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const page = await listSubscribers(serviceContext(c), q);
      return c.json({ data: page.subscribers.map(subscriberJson), next_cursor: page.nextCursor }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/subscribers",
      tags,
      security,
      summary: "Add a pre-confirmed email address or a webhook",
      description:
        "No confirmation email is sent: use this for addresses that already agreed, such as an import. A new webhook's signing secret is returned once, here. An address or URL already there is made active again (200).",
      middleware: admin,
      request: { body: jsonBody(AddSubscriberSchema) },
      responses: {
        201: {
          description: "Added",
          content: {
            "application/json": {
              schema: z.object({
                data: SubscriberSchema,
                secret: z.string().optional().openapi({
                  description: "A new webhook's HMAC signing key (64 hex characters); shown only in this response",
                }),
              }),
            },
          },
        },
        200: {
          description: "Already there: now active, with the components given",
          content: { "application/json": { schema: z.object({ data: SubscriberSchema }) } },
        },
        ...writeErrors,
      },
    }),
    async (c) => {
      const { subscriber, created, secret } = await addSubscriber(serviceContext(c), c.req.valid("json"));
      if (!created) return c.json({ data: subscriberJson(subscriber) }, 200);
      return c.json({ data: subscriberJson(subscriber), ...(secret ? { secret } : {}) }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/subscribers/{id}",
      tags,
      security,
      summary: "Delete a subscriber for good",
      description: "Erases the address or webhook. (Unsubscribing keeps the row; this does not.)",
      middleware: admin,
      request: { params: IdParam },
      responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      await deleteSubscriber(serviceContext(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: subscriberImport.path,
      tags,
      security,
      summary: "Import email addresses from CSV, pre-confirmed, all or nothing",
      description:
        "A header line names the columns: email (required) and components (optional; slugs separated by spaces or |). An export can be imported as it is: webhook rows and rows whose state is not active are skipped. Every line is checked before anything is written; a problem is a 400 naming its line. At most 5 MB.",
      middleware: [admin, csvOrJson] as const,
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
    }),
    async (c) => {
      const json = /json/i.test(c.req.header("content-type") ?? "");
      const csv = json ? (c.req.valid("json") as { csv: string }).csv : await c.req.text();
      const counts = await importSubscribers(serviceContext(c), csv);
      return c.json({ data: counts }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/subscribers/export",
      tags,
      security,
      summary: "Export every subscriber as CSV",
      description:
        "Columns id,type,email,url,state,components,confirmed_at,created_at (RFC 4180, CRLF); components are slugs separated by spaces. Streamed in chunks. Webhook secrets are not exported.",
      middleware: read,
      responses: {
        200: {
          description: "The CSV file",
          content: { "text/csv": { schema: z.string() } },
        },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const chunks = exportSubscribersCsv(serviceContext(c));
      // The first chunk (header and first rows) is read before answering, so a
      // database that is down is a JSON error rather than a cut-off file.
      const first = await chunks.next();
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          if (first.done) controller.close();
          else controller.enqueue(encoder.encode(first.value));
        },
        async pull(controller) {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        },
        async cancel() {
          await chunks.return();
        },
      });
      const day = c.var.deps.clock().toISOString().slice(0, 10);
      return c.body(stream, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="subscribers-${day}.csv"`,
        "cache-control": "no-store",
      });
    },
  );
}
