import type { UpdatePlan } from "../../domain/incidents.ts";
import { promiseText } from "../../render/text.ts";
import type { ServiceContext } from "../context.ts";
import { latestMissedEta } from "./eta-ledger.ts";

/**
 * The words customers get: the update's message, then its promise. Automatic
 * updates are worded whole by the honesty templates, promise included, so
 * their promise part is empty.
 */
export async function publicText(
  ctx: ServiceContext,
  input: {
    incidentId: string;
    plan: UpdatePlan;
    message: string;
    startedAt: Date;
    previousEta: Date | null;
    now: Date;
  },
): Promise<{ message: string; promise: string }> {
  const { plan, message, now } = input;
  if (plan.kind === "holding" || plan.kind === "eta_missed") return { message, promise: "" };
  const tz = ctx.config.pageTimezone;
  if (plan.resolvedAt) {
    const missedEta = await latestMissedEta(ctx, input.incidentId);
    const facts = {
      resolved: true as const,
      durationMs: now.getTime() - input.startedAt.getTime(),
      missedEta,
      missedByMs: missedEta ? now.getTime() - missedEta.getTime() : null,
    };
    return { message, promise: promiseText(facts, tz) };
  }
  const facts = {
    resolved: false as const,
    eta: plan.eta,
    previousEta: input.previousEta,
    etaChanged: plan.etaChanged,
    nextUpdateDueAt: plan.nextUpdateDueAt as Date,
  };
  return { message, promise: promiseText(facts, tz) };
}
