import type { Api } from "../../env.ts";
import { registerPromiseStats } from "./promises.ts";

export { promiseStatsRoute, registerPromiseStats } from "./promises.ts";

/** How well Candor and its engineers kept their word over the last 90 days. */
export function registerStatsRoutes(api: Api) {
  registerPromiseStats(api);
}
