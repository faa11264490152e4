import { z } from "@hono/zod-openapi";

/** GET /api/v1/incidents's query: which state, how many, and where the previous page stopped. */
export const ListIncidentsQuery = z.object({
  state: z.enum(["open", "resolved"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional().openapi({ description: "next_cursor from the previous page" }),
});
