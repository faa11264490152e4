import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { exportSubscribersCsv } from "../../../services/subscribers/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";

/** GET /api/v1/subscribers/export: personal data, so it needs subscribers:read. */
export const exportSubscribersRoute = createRoute({
  method: "get",
  path: "/api/v1/subscribers/export",
  tags,
  security,
  summary: "Export every subscriber as CSV",
  description:
    "Columns id,type,email,url,state,components,confirmed_at,created_at,events,kind (RFC 4180, CRLF); components are slugs separated by spaces, and so are events (incident, component); kind is a chat subscriber's platform. Streamed in chunks. Webhook secrets are not exported.",
  middleware: requireScope("subscribers:read"),
  responses: {
    200: {
      description: "The CSV file",
      content: { "text/csv": { schema: z.string() } },
    },
    ...errorResponses(401, 403),
  },
});

/** Streams the file, so a large list never sits whole in memory. */
export function registerExportSubscribers(api: Api) {
  api.openapi(exportSubscribersRoute, async (c) => {
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
  });
}
