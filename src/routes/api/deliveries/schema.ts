import { z } from "@hono/zod-openapi";
import { Timestamp } from "../schemas.ts";

export const DeliverySchema = z
  .object({
    id: z.number().int(),
    channel: z.string(),
    topic: z.string().openapi({ description: "update, or a channel's own job such as email.confirm" }),
    update_id: z.string().nullable(),
    incident_id: z.string().nullable(),
    kind: z.string().nullable(),
    state: z.enum(["pending", "done", "dead"]),
    attempts: z.number().int(),
    max_attempts: z.number().int(),
    run_at: Timestamp,
    last_error: z.string().nullable(),
    locked_by: z.string().nullable(),
    created_at: Timestamp,
    completed_at: Timestamp.nullable(),
  })
  .openapi("Delivery");
