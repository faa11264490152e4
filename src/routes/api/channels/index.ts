import type { Api } from "../../env.ts";
import { registerListChannels } from "./list.ts";

export { listChannelsRoute, registerListChannels } from "./list.ts";

/** Registers the channel states route, beside the deliveries it summarises. */
export function registerChannelRoutes(api: Api) {
  registerListChannels(api);
}
