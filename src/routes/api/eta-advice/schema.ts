import { z } from "@hono/zod-openapi";
import { impacts } from "../../../domain/components.ts";
import { ImpactSchema, Slug, Timestamp } from "../schemas.ts";

const seconds = z.number().int().nullable();

/** The advice as every answer that carries it gives it (docs/eta-advice.md explains each figure). */
export const EtaAdviceSchema = z
  .object({
    enough_history: z.boolean().openapi({ description: "false below 5 ETAs: then the figures are not to go by" }),
    basis: z
      .enum(["similar", "all"])
      .openapi({ description: "similar incidents, or all when similar ones gave fewer than 5 ETAs" }),
    window_days: z.number().int(),
    since: Timestamp,
    similar_etas: z.number().int().openapi({ description: "ETAs that came due for similar incidents" }),
    etas: z.number().int().openapi({ description: "ETAs that came due in the basis: met plus missed" }),
    met: z.number().int(),
    missed: z.number().int(),
    median_overrun_seconds: seconds,
    p80_overrun_seconds: seconds,
    age_seconds: z.number().int().openapi({ description: "how long the incident has been going on; 0 for a new one" }),
    incidents_past_age: z.number().int().openapi({ description: "incidents of the basis still going at that age" }),
    eta_held_80: Timestamp.nullable().openapi({
      description: "the ETA that 80% of those incidents would have met; null with fewer than 5 of them",
    }),
    text: z.string().openapi({
      example:
        "Of 12 similar ETAs in 90 days, 5 were met; missed ones ran over by a median of 25 min (80% of them by 1 h 10 min or less). An ETA of 16:10 UTC would have held 80% of the time.",
    }),
  })
  .openapi("EtaAdvice");

/** The field answers that set an ETA carry: null when it could not be read after the write. */
export const etaAdviceField = {
  eta_advice: EtaAdviceSchema.nullable().optional().openapi({
    description:
      "Present when this request set an ETA: what the last 90 days' ETAs say. It only informs; nothing posted depends on it. null if it could not be read after the write.",
  }),
};

/** GET /api/v1/eta-advice's query: a new incident's impact and components, or an open incident's id. */
export const EtaAdviceQuery = z.object({
  impact: ImpactSchema.optional().openapi({ description: `one of ${impacts.join(", ")}; required without incident` }),
  components: z
    .string()
    .max(2000)
    .optional()
    .transform((v, ctx) => {
      const slugs = (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      for (const slug of slugs) {
        if (!Slug.safeParse(slug).success) {
          ctx.addIssue({ code: "custom", message: `"${slug}" is not a component slug` });
          return z.NEVER;
        }
      }
      return slugs;
    })
    .openapi({ description: "component slugs separated by commas", example: "api,db" }),
  incident: z.string().max(64).optional().openapi({
    description: "an open incident: advice at its age now, with its impact and components unless given",
  }),
});
