import { createRoute, z } from "@hono/zod-openapi";
import { listChannelStates } from "../../../services/deliveries/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, iso, Timestamp } from "../schemas.ts";

const ChannelSchema = z
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

export function registerChannelRoutes(api: Api) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/channels",
      tags: ["Deliveries"],
      security: [{ Bearer: [] }],
      summary: "Every channel's state: enabled, healthy, last success, last error",
      responses: {
        200: {
          description: "Channels",
          content: { "application/json": { schema: z.object({ data: z.array(ChannelSchema) }) } },
        },
        ...errorResponses(401),
      },
    }),
    async (c) => {
      const { delivery, disabledChannels = [] } = c.var.deps;
      const enabled = (delivery?.channels ?? []).map((ch) => ch.name);
      const disabled = disabledChannels.filter((d) => !enabled.includes(d.name));
      const states = await listChannelStates(serviceContext(c), [...enabled, ...disabled.map((d) => d.name)]);
      const data = states.map((s) => {
        const off = disabled.find((d) => d.name === s.channel);
        return {
          name: s.channel,
          enabled: !off,
          reason: off?.reason ?? null,
          healthy: s.healthy,
          last_success_at: iso(s.lastSuccessAt),
          last_error: s.lastError,
          last_error_at: iso(s.lastErrorAt),
          recovered_at: iso(s.recoveredAt),
          pending: s.pending,
          dead: s.dead,
        };
      });
      return c.json({ data }, 200);
    },
  );
}
