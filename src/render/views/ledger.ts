import type { EtaRevision } from "../../db/models.ts";
import { describeDuration } from "../../domain/promises.ts";
import { statusIcons } from "./status.ts";
import { timeView } from "./times.ts";

/**
 * One line of the ETA ledger: when we said it, for when, and how it turned
 * out, marked good or bad by shape as well as colour.
 *
 * @example ledgerRow(revision, now, "UTC").outcome // "Missed by 25 minutes"
 */
export function ledgerRow(r: EtaRevision, now: Date, tz: string) {
  const base = { promised: timeView(r.promisedAt, tz), eta: r.eta ? timeView(r.eta, tz, r.promisedAt) : null };
  const bad = { cls: "s-major_outage", icon: statusIcons.major_outage };
  const good = { cls: "s-operational", icon: statusIcons.operational };
  const plain = { cls: "", icon: "" };
  switch (r.outcome) {
    case null:
      if (!r.eta) return { ...base, ...plain, outcome: "Current: no estimate yet" };
      if (r.eta.getTime() > now.getTime()) return { ...base, ...plain, outcome: "Current estimate" };
      return { ...base, ...bad, outcome: `Passed ${describeDuration(now.getTime() - r.eta.getTime())} ago` };
    case "met": {
      const earlyMs = r.eta && r.settledAt ? r.eta.getTime() - r.settledAt.getTime() : 0;
      return { ...base, ...good, outcome: earlyMs >= 60_000 ? `Met, ${describeDuration(earlyMs)} early` : "Met" };
    }
    case "missed":
      return {
        ...base,
        ...bad,
        outcome: r.missedBySeconds ? `Missed by ${describeDuration(r.missedBySeconds * 1000)}` : "Missed",
      };
    case "revised":
      return { ...base, ...plain, outcome: r.eta ? "Changed before it passed" : "Replaced by an estimate" };
    case "withdrawn":
      return { ...base, ...plain, outcome: "Withdrawn before it passed" };
    case "closed":
      return { ...base, ...plain, outcome: "Resolved without an estimate" };
    default:
      return { ...base, ...plain, outcome: r.outcome };
  }
}
