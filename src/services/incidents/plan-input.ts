import type { UpdatePlan } from "../../domain/incidents.ts";
import type { UpdateRequest } from "./types.ts";

/** What the lifecycle rules need of a request: its promises and the component statuses it sets. */
export function toPlanInput(input: UpdateRequest) {
  return {
    status: input.status,
    impact: input.impact,
    eta: input.eta,
    nextUpdateInMs: input.nextUpdateInMs,
    nextUpdateAt: input.nextUpdateAt,
    componentStatuses: Object.values(input.components ?? {}),
  };
}

/** The cadence an update sets: the gap to the next update it promised. */
export function intervalOf(plan: UpdatePlan, now: Date, fallbackMs: number): number {
  return plan.nextUpdateDueAt ? plan.nextUpdateDueAt.getTime() - now.getTime() : fallbackMs;
}
