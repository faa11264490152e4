import { adviceWindowDays, type EtaAdviceFacts } from "../../domain/eta-advice.ts";
import { dayKey } from "../../lib/days.ts";
import { render } from "../index.ts";
import { formatTime } from "../time.ts";
import { shortDuration } from "../views/durations.ts";

function metWords(met: number, etas: number): string {
  if (met === etas) return etas === 1 ? "it was met" : `all ${etas} were met`;
  if (met === 0) return etas === 1 ? "it was missed" : "none were met";
  return `${met} ${met === 1 ? "was" : "were"} met`;
}

/**
 * The advice in one plain paragraph for the engineer about to promise: the
 * record, the overrun, and the ETA that would have held (in the page's zone,
 * with the date when it is not today there). Too little history says so.
 *
 * @example etaAdviceText(facts, now, "UTC")
 * // "Of 12 similar ETAs in 90 days, 5 were met; missed ones ran over by a median of 25 min (80% of them by 1 h 10 min or less). An ETA of 16:10 UTC would have held 80% of the time."
 */
export function etaAdviceText(facts: EtaAdviceFacts, now: Date, timeZone: string): string {
  const days = adviceWindowDays;
  if (!facts.enoughHistory) return render("text/eta-advice/too-little", { etas: facts.etas, days }).trim();
  const { medianOverrunSeconds: median, p80OverrunSeconds: p80, etaHeld } = facts;
  return render("text/eta-advice/advice", {
    similar: facts.basis === "similar",
    similarEtas: facts.similarEtas,
    etas: facts.etas,
    days,
    met: metWords(facts.met, facts.etas),
    overrun:
      median !== null && p80 !== null ? { median: shortDuration(median * 1000), p80: shortDuration(p80 * 1000) } : null,
    eta: etaHeld ? formatTime(etaHeld, timeZone, dayKey(etaHeld, timeZone) !== dayKey(now, timeZone)) : null,
    declaring: facts.ageSeconds === 0,
    pastAge: facts.incidentsPastAge,
  }).trim();
}
