// The reads behind Statuspage's public v2 JSON; the shaping is in render/statuspage/.
export { statuspageEndpoints } from "../../render/statuspage/endpoints.ts";
export { statuspageDocument } from "./document.ts";
export { loadIncidents } from "./incidents.ts";
export { lastChange } from "./last-change.ts";
export { listScheduledMaintenances } from "./scheduled-maintenances.ts";
