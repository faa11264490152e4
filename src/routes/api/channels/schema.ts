import { z } from "@hono/zod-openapi";
import { Timestamp } from "../schemas.ts";

export const ChannelSchema = z
  .object({
    name: z.string().openapi({ example: "twitter" }),
    enabled: z.boolean().openapi({ description: "Configured in this deployment, so updates get rows for it" }),
    reason: z.string().nullable().openapi({ description: "Why a channel is not enabled" }),
    healthy: z.boolean().openapi({ description: "False after a failed attempt, until a delivery goes through" }),
    last_success_at: Timestamp.nullable(),
    last_error: z.string().nullable(),
    last_error_at: Timestamp.nullable(),
    recovered_at: Timestamp.nullable().openapi({ description: "When it last came back from unhealthy" }),
    pending: z.number().int().openapi({ description: "Deliveries waiting (due, backing off or held back)" }),
    dead: z.number().int().openapi({ description: "Deliveries that used up their attempts; see /api/v1/deliveries" }),
  })
  .openapi("Channel");
