import { describeDuration } from "../../domain/promises.ts";
import { render } from "../index.ts";
import { formatTime } from "../time.ts";

export type PromiseFacts =
  | {
      resolved: false;
      eta: Date | null;
      previousEta: Date | null;
      /** True when this update changed the ETA. */
      etaChanged: boolean;
      nextUpdateDueAt: Date;
    }
  | { resolved: true; durationMs: number; missedEta: Date | null; missedByMs: number | null };

/**
 * The promise every public update ends with: when service should be back,
 * when the next update comes, or, at resolution, how long it took and by how
 * much an estimate was missed. A later ETA is called later.
 */
export function promiseText(facts: PromiseFacts, timeZone: string): string {
  const t = (d: Date) => formatTime(d, timeZone);
  if (facts.resolved) {
    const duration = describeDuration(facts.durationMs);
    if (!facts.missedEta) return render("text/promise/resolved", { duration }).trim();
    return render("text/promise/resolved-eta-missed", {
      duration,
      missedEta: t(facts.missedEta),
      missedBy: facts.missedByMs ? describeDuration(facts.missedByMs) : null,
    }).trim();
  }
  const next = t(facts.nextUpdateDueAt);
  const previousEta = facts.etaChanged ? facts.previousEta : null;
  if (facts.eta && previousEta) {
    return render("text/promise/eta-revised", {
      eta: t(facts.eta),
      direction: facts.eta.getTime() < previousEta.getTime() ? "earlier" : "later",
      previousEta: t(previousEta),
      next,
    }).trim();
  }
  if (facts.eta) return render("text/promise/eta", { eta: t(facts.eta), next }).trim();
  if (previousEta) return render("text/promise/eta-withdrawn", { previousEta: t(previousEta), next }).trim();
  return render("text/promise/unknown-eta", { next }).trim();
}
