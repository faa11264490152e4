import { createRoute, z } from "@hono/zod-openapi";
import { listChannelStates } from "../../../services/deliveries/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { bearer, errorResponses, iso } from "../schemas.ts";
import { ChannelSchema } from "./schema.ts";

/** GET /api/v1/channels: any live key may read, so there is no scope middleware. */
export const listChannelsRoute = createRoute({
  method: "get",
  path: "/api/v1/channels",
  tags: ["Deliveries"],
  security: bearer,
  summary: "Every channel's state: enabled, healthy, last success, last error",
  responses: {
    200: {
      description: "Channels",
      content: { "application/json": { schema: z.object({ data: z.array(ChannelSchema) }) } },
    },
    ...errorResponses(401),
  },
});

/** Lists configured channels and the known but unconfigured ones with why, so a missing channel is not a mystery. */
export function registerListChannels(api: Api) {
  api.openapi(listChannelsRoute, async (c) => {
    const { delivery, disabledChannels = [], config } = c.var.deps;
    // Listening (LISTEN) is not a channel, but its health is kept and shown as one: x-listen.
    const enabled = [...(delivery?.channels ?? []).map((ch) => ch.name), ...(config.listen ? ["x-listen"] : [])];
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
  });
}
