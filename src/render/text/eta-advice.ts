import { adviceWindowDays, type EtaAdviceFacts } from "../../domain/eta-advice.ts";
import { dayKey } from "../../lib/days.ts";
import { formatTime } from "../time.ts";
import { shortDuration } from "../views/durations.ts";

// Words for the engineer, in the API's answers, not a message customers get:
// written here rather than as templates/text/ templates, whose branches cost
// 12 KB of the Workers bundle once precompiled.

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function metWords(met: number, etas: number): string {
  if (met === etas) return etas === 1 ? "it was met" : `all ${etas} were met`;
  if (met === 0) return etas === 1 ? "it was missed" : "none were met";
  return `${met} ${met === 1 ? "was" : "were"} met`;
}

/** The last sentence: the ETA that would have held, or why there is none. */
function heldWords(facts: EtaAdviceFacts, now: Date, timeZone: string): string {
  const { etaHeld, incidentsPastAge: past } = facts;
  if (etaHeld) {
    const eta = formatTime(etaHeld, timeZone, dayKey(etaHeld, timeZone) !== dayKey(now, timeZone));
    return `An ETA of ${eta} would have held 80% of the time.`;
  }
  if (facts.ageSeconds === 0)
    return `Only ${plural(past, "incident")} gave them: too few to say what ETA would have held.`;
  if (past)
    return `Only ${past} of those incidents lasted longer than this one has so far: too few to say what ETA would have held.`;
  return "None of those incidents lasted as long as this one has so far: the record cannot say what ETA would hold.";
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
  if (!facts.enoughHistory) {
    return facts.etas
      ? `Only ${plural(facts.etas, "ETA")} came due in the last ${days} days: too few to go by, so no advice.`
      : `No ETAs came due in the last ${days} days: no record to go by yet.`;
  }
  const opening =
    facts.basis === "similar"
      ? `Of ${facts.etas} similar ETAs in ${days} days`
      : `Too few similar ETAs to go by (${facts.similarEtas}), so all incidents: of ${facts.etas} ETAs in ${days} days`;
  const { medianOverrunSeconds: median, p80OverrunSeconds: p80 } = facts;
  const overrun =
    median !== null && p80 !== null
      ? `; missed ones ran over by a median of ${shortDuration(median * 1000)} (80% of them by ${shortDuration(p80 * 1000)} or less)`
      : "";
  return `${opening}, ${metWords(facts.met, facts.etas)}${overrun}. ${heldWords(facts, now, timeZone)}`;
}
