import { type ComponentStatus, type Impact, impactFromStatus, worstStatus } from "../domain/components.ts";
import { note } from "./prompts.ts";
import type { Session } from "./session.ts";

/** Which incidents the advice compares with: a new one's impact and components, or an open one. */
export type AdviceFor = { incident: string } | { impact?: Impact; components?: Record<string, ComponentStatus> };

/**
 * At a terminal, before the ETA is asked for: what the team's own record of
 * ETAs says for similar incidents (GET /api/v1/eta-advice). It only informs:
 * nothing asked or posted depends on it, and a key that may not read it, or a
 * server without it, just shows nothing.
 */
export async function showEtaAdvice(s: Pick<Session<unknown>, "interactive" | "api">, about: AdviceFor): Promise<void> {
  if (!s.interactive) return;
  let query: { incident?: string; impact?: Impact; components?: string };
  if ("incident" in about) query = { incident: about.incident };
  else {
    const statuses = Object.values(about.components ?? {});
    // The impact the server will derive when none is given (domain/incidents.ts planUpdate).
    const derived = statuses.length ? impactFromStatus(worstStatus(statuses)) : "none";
    const impact = about.impact ?? (derived === "none" ? "minor" : derived);
    query = { impact, components: Object.keys(about.components ?? {}).join(",") || undefined };
  }
  const answer = await s.api().GET("/api/v1/eta-advice", { params: { query } });
  if (answer.data) note(answer.data.data.text, "Your team's ETAs in the last 90 days");
}
