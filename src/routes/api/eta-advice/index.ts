import type { Api } from "../../env.ts";
import { registerEtaAdvice } from "./preview.ts";

export { withEtaAdvice } from "./field.ts";
export { etaAdviceRoute, registerEtaAdvice } from "./preview.ts";
export { EtaAdviceSchema, etaAdviceField } from "./schema.ts";
export { etaAdviceJson } from "./to-json.ts";

/** The ETA advice preview. */
export function registerEtaAdviceRoutes(api: Api) {
  registerEtaAdvice(api);
}
