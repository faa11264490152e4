import { render } from "../index.ts";
import { formatTime } from "../time.ts";
import { lateText } from "./late.ts";

/** The words when an ETA passes: it passed, we're sorry, what happens next. */
export function etaMissedText(facts: {
  missedEta: Date;
  nextUpdateDueAt: Date;
  lateByMs: number;
  timeZone: string;
}): string {
  return render("text/eta_missed", {
    missedEta: formatTime(facts.missedEta, facts.timeZone),
    late: lateText(facts.lateByMs),
    next: formatTime(facts.nextUpdateDueAt, facts.timeZone),
  }).trim();
}
