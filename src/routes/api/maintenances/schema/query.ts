import { z } from "@hono/zod-openapi";

/** GET /api/v1/maintenances's query: which window of the work's life, and how many. */
export const ListMaintenancesQuery = z.object({
  state: z.enum(["upcoming", "active", "open", "past"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
