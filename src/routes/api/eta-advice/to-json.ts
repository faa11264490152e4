import type { z } from "@hono/zod-openapi";
import { adviceWindowDays } from "../../../domain/eta-advice.ts";
import type { EtaAdvice } from "../../../services/eta-advice/index.ts";
import { iso } from "../schemas.ts";
import type { EtaAdviceSchema } from "./schema.ts";

/** The advice in the API's snake_case. */
export function etaAdviceJson(a: EtaAdvice): z.infer<typeof EtaAdviceSchema> {
  return {
    enough_history: a.enoughHistory,
    basis: a.basis,
    window_days: adviceWindowDays,
    since: a.since.toISOString(),
    similar_etas: a.similarEtas,
    etas: a.etas,
    met: a.met,
    missed: a.missed,
    median_overrun_seconds: a.medianOverrunSeconds,
    p80_overrun_seconds: a.p80OverrunSeconds,
    age_seconds: a.ageSeconds,
    incidents_past_age: a.incidentsPastAge,
    eta_held_80: iso(a.etaHeld),
    text: a.text,
  };
}
