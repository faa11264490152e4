import type { IncidentDetail } from "../../../db/models.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { adviceAfterEta } from "../../../services/eta-advice/index.ts";
import { etaAdviceJson } from "./to-json.ts";

/**
 * `{ eta_advice }` for the answer to a request that set an ETA (`eta` a
 * time), else nothing: what the record says about the ETA just promised.
 *
 * @example return c.json({ data: { ...data, ...(await withEtaAdvice(ctx, incident, body.eta)) } }, 201);
 */
export async function withEtaAdvice(ctx: ServiceContext, incident: IncidentDetail, eta: string | null | undefined) {
  if (!eta) return {};
  const advice = await adviceAfterEta(ctx, incident);
  return { eta_advice: advice && etaAdviceJson(advice) };
}
