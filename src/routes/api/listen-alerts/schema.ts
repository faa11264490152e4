import { z } from "@hono/zod-openapi";

/** A spike of people reporting problems on X, as keys with mentions:read see it (links to real people's posts). */
export const ListenAlertSchema = z
  .object({
    id: z.string().openapi({ example: "alert_4k2x9v7m1q3r8t5w" }),
    authors: z.number().int().openapi({ description: "distinct people in the window", example: 8 }),
    baseline: z
      .number()
      .int()
      .openapi({ description: "the median of the same window on the last 7 days, plus one", example: 1 }),
    window_seconds: z.number().int().openapi({ example: 600 }),
    top_words: z.array(z.string()).openapi({ example: ["login", "502", "broken"] }),
    post_urls: z.array(z.string()).openapi({ example: ["https://x.com/ada/status/1790000000000000042"] }),
    incident_id: z
      .string()
      .nullable()
      .openapi({ description: "set when an incident was open: recorded against it, nobody paged" }),
    paged: z.boolean(),
    created_at: z.string(),
    acked_at: z.string().nullable(),
    acked_by: z.string().nullable().openapi({ description: "the id of the API key that acknowledged it" }),
  })
  .openapi("ListenAlert");
