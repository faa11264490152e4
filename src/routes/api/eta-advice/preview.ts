import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { previewEtaAdvice } from "../../../services/eta-advice/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { bearer, errorResponses } from "../schemas.ts";
import { EtaAdviceQuery, EtaAdviceSchema } from "./schema.ts";
import { etaAdviceJson } from "./to-json.ts";

/**
 * GET /api/v1/eta-advice: incidents:write, because it is for whoever is about
 * to promise an ETA (any key may read the same record in aggregate at
 * /api/v1/stats/promises).
 */
export const etaAdviceRoute = createRoute({
  method: "get",
  path: "/api/v1/eta-advice",
  tags: ["Incidents"],
  security: bearer,
  summary: "What the last 90 days' ETAs say, before you promise one",
  description:
    "For a new incident (impact, components) or an open one (incident). Similar incidents have the same impact and a component in common; with fewer than 5 of their ETAs it uses all incidents, and below 5 ETAs in all it says there is too little history. See docs/eta-advice.md.",
  middleware: requireScope("incidents:write"),
  request: { query: EtaAdviceQuery },
  responses: {
    200: {
      description: "The advice",
      content: { "application/json": { schema: z.object({ data: EtaAdviceSchema }) } },
    },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

/** A read only: the advice never changes anything. */
export function registerEtaAdvice(api: Api) {
  api.openapi(etaAdviceRoute, async (c) => {
    const q = c.req.valid("query");
    const advice = await previewEtaAdvice(serviceContext(c), {
      impact: q.impact,
      components: q.components,
      incident: q.incident,
    });
    return c.json({ data: etaAdviceJson(advice) }, 200);
  });
}
