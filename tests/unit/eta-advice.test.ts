import { describe, expect, it } from "vitest";
import { type AdviceLedger, etaAdvice, type LedgerSide, median, percentile } from "../../src/domain/eta-advice.ts";
import { etaAdviceText } from "../../src/render/text/eta-advice.ts";
import { minutes, seconds } from "../support/time.ts";

const now = new Date("2026-11-23T14:40:00Z");

type Past = { similar: boolean; lastedMs: number; etas: ("met" | number)[] };

/**
 * A past incident that lasted `lasted` and gave these ETAs: "met", or an
 * overrun in minutes (missed by that much); similar to the one advised on
 * unless told otherwise (the service draws that line: tests/integration/eta-advice.test.ts).
 */
const past = (lasted: number, etas: ("met" | number)[], similar = true): Past => ({ similar, lastedMs: lasted, etas });

/** The ledger the service would read for these incidents. */
function ledgerOf(incidents: Past[]): AdviceLedger {
  const side = (list: Past[]): LedgerSide => ({
    etas: list.reduce((n, i) => n + i.etas.length, 0),
    met: list.reduce((n, i) => n + i.etas.filter((e) => e === "met").length, 0),
    overrunSeconds: list.flatMap((i) => i.etas.flatMap((e) => (e === "met" ? [] : [e * 60]))),
    durationSeconds: list.map((i) => i.lastedMs / 1000),
  });
  return { similar: side(incidents.filter((i) => i.similar)), all: side(incidents) };
}

/** An incident declared now, or started `ago` before now. */
const query = (ago = 0) => ({ startedAt: new Date(now.getTime() - ago) });

describe("the ETA advice rule", () => {
  it("Should count the met and missed ETAs, with the median and nearest-rank p80 of the overruns", () => {
    const ledger = [
      past(minutes(60), ["met"]),
      past(minutes(90), [10, "met"]),
      past(minutes(120), [30, 20]),
      past(minutes(45), ["met"]),
      past(minutes(200), [50]),
      past(minutes(30), [40]),
    ];
    const facts = etaAdvice(ledgerOf(ledger), query(), now);
    expect(facts).toMatchObject({
      enoughHistory: true,
      basis: "similar",
      similarEtas: 8,
      etas: 8,
      met: 3,
      missed: 5,
      // Overruns 10, 20, 30, 40, 50 min: the middle one, and the 4th of 5 (ceil(0.8 × 5)).
      medianOverrunSeconds: 1800,
      p80OverrunSeconds: 2400,
    });
  });

  it("Should give, for a new incident, the start plus the 80th percentile of how long similar ones took", () => {
    const ledger = [30, 40, 50, 60, 90, 120].map((m) => past(minutes(m), ["met"]));
    const facts = etaAdvice(ledgerOf(ledger), query(), now);
    // ceil(0.8 × 6) = 5th of 30, 40, 50, 60, 90, 120: 90 min; 5 of the 6 took that long or less.
    expect(facts).toMatchObject({ ageSeconds: 0, incidentsPastAge: 6 });
    expect(facts.etaHeld).toEqual(new Date(now.getTime() + minutes(90)));
  });

  it("Should count only the incidents still going at this one's age, and leave out one that ended exactly then", () => {
    const ledger = [10, 20, 45, 50, 60, 70, 80, 150].map((m) => past(minutes(m), [5]));
    // 45 minutes in: the 10, 20 and 45-minute incidents were over; 50, 60, 70, 80, 150 were still going.
    const facts = etaAdvice(ledgerOf(ledger), query(minutes(45)), now);
    expect(facts).toMatchObject({ ageSeconds: 2700, incidentsPastAge: 5 });
    // ceil(0.8 × 5) = 4th: 80 minutes after the start, 35 minutes from now.
    expect(facts.etaHeld).toEqual(new Date(now.getTime() + minutes(35)));
    // 60 minutes in, only 70, 80 and 150 remain: too few to say.
    const later = etaAdvice(ledgerOf(ledger), query(minutes(60)), now);
    expect(later).toMatchObject({ enoughHistory: true, incidentsPastAge: 3, etaHeld: null });
  });

  it("Should round the ETA up to the whole minute, so it holds for at least 80%", () => {
    const ledger = [20, 30, 40, 50].map((m) => past(minutes(m), ["met"]));
    ledger.push(past(minutes(61) + seconds(1), ["met"]));
    const started = new Date(now.getTime() - seconds(20));
    const facts = etaAdvice(ledgerOf(ledger), { startedAt: started }, now);
    // 4th of 5 is 50 min after a start 20 s before now: 14:39:40 + 50 min = 15:29:40, rounded up.
    expect(facts.etaHeld?.toISOString()).toBe("2026-11-23T15:30:00.000Z");
  });

  it("Should need no reading of all incidents when similar ones gave 5 ETAs or more", () => {
    const ledger = ledgerOf([30, 40, 50, 60, 70].map((m) => past(minutes(m), ["met"])));
    expect(etaAdvice({ ...ledger, all: null }, query(), now)).toEqual(etaAdvice(ledger, query(), now));
  });

  it("Should fall back to all incidents when similar ones gave fewer than 5 ETAs, and say so", () => {
    const ledger = [
      past(minutes(60), ["met", 10]),
      past(minutes(50), [20, "met"]),
      past(minutes(40), ["met"], false),
      past(minutes(30), [5], false),
      past(minutes(70), ["met"], false),
    ];
    const facts = etaAdvice(ledgerOf(ledger), query(), now);
    expect(facts).toMatchObject({ basis: "all", similarEtas: 4, etas: 7, met: 4, missed: 3, enoughHistory: true });
    expect(facts.medianOverrunSeconds).toBe(600);
    expect(facts.etaHeld).toEqual(new Date(now.getTime() + minutes(60)));
    expect(etaAdviceText(facts, now, "UTC")).toBe(
      "Too few similar ETAs to go by (4), so all incidents: of 7 ETAs in 90 days, 4 were met; missed ones ran over by a median of 10 min (80% of them by 20 min or less). An ETA of 15:40 UTC would have held 80% of the time.",
    );
  });

  it("Should say there is not enough history below 5 ETAs, with no figures to go by", () => {
    const ledger = [past(minutes(60), ["met", 10]), past(minutes(50), [20, "met"])];
    const facts = etaAdvice(ledgerOf(ledger), query(), now);
    expect(facts).toMatchObject({
      enoughHistory: false,
      basis: "all",
      etas: 4,
      medianOverrunSeconds: null,
      p80OverrunSeconds: null,
      etaHeld: null,
    });
    expect(etaAdviceText(facts, now, "UTC")).toBe(
      "Only 4 ETAs came due in the last 90 days: too few to go by, so no advice.",
    );
  });

  it("Should give nothing but the empty record for an empty ledger", () => {
    const facts = etaAdvice(ledgerOf([]), query(), now);
    expect(facts).toEqual({
      enoughHistory: false,
      basis: "all",
      similarEtas: 0,
      etas: 0,
      met: 0,
      missed: 0,
      medianOverrunSeconds: null,
      p80OverrunSeconds: null,
      ageSeconds: 0,
      incidentsPastAge: 0,
      etaHeld: null,
    });
    expect(etaAdviceText(facts, now, "UTC")).toBe("No ETAs came due in the last 90 days: no record to go by yet.");
  });

  it("Should have no overrun figures when every ETA was met", () => {
    const ledger = [30, 40, 50, 60, 70].map((m) => past(minutes(m), ["met"]));
    const facts = etaAdvice(ledgerOf(ledger), query(), now);
    expect(facts).toMatchObject({ met: 5, missed: 0, medianOverrunSeconds: null, p80OverrunSeconds: null });
    expect(etaAdviceText(facts, now, "UTC")).toBe(
      "Of 5 similar ETAs in 90 days, all 5 were met. An ETA of 15:40 UTC would have held 80% of the time.",
    );
  });
});

describe("percentile and median", () => {
  it("Should take the nearest rank, ties included, and the mean of the middle two for an even median", () => {
    expect(percentile([10, 20, 30, 40, 50], 0.8)).toBe(40);
    expect(percentile([50, 10, 40, 20, 30], 0.8)).toBe(40);
    expect(percentile([5, 5, 5, 5, 9], 0.8)).toBe(5);
    expect(percentile([7], 0.8)).toBe(7);
    expect(percentile([], 0.8)).toBeNull();
    expect(median([60, 120, 600, 900])).toBe(360);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2])).toBe(2); // 1.5, rounded
    expect(median([])).toBeNull();
  });
});

describe("the advice in words", () => {
  const ledger = [
    past(minutes(100), ["met"]),
    past(minutes(110), [25]),
    past(minutes(120), ["met", 15]),
    past(minutes(130), ["met"]),
    past(minutes(140), [35, 25]),
    past(minutes(150), ["met", 70]),
    past(minutes(160), ["met", 25]),
    past(minutes(90), ["met"]),
  ];

  it("Should read as the issue's example, the time in the page's zone with its name", () => {
    const facts = etaAdvice(ledgerOf(ledger), query(), now);
    expect(facts).toMatchObject({ etas: 12, met: 6, missed: 6 });
    expect(etaAdviceText(facts, now, "Europe/Paris")).toBe(
      "Of 12 similar ETAs in 90 days, 6 were met; missed ones ran over by a median of 25 min (80% of them by 35 min or less). An ETA of 18:10 CET would have held 80% of the time.",
    );
  });

  it("Should give the date when the ETA falls on another day in the page's zone", () => {
    const late = new Date("2026-11-23T22:50:00Z");
    const facts = etaAdvice(ledgerOf(ledger), { startedAt: late }, late);
    expect(etaAdviceText(facts, late, "UTC")).toContain("An ETA of 24 Nov 2026, 01:20 UTC would have held");
  });

  it("Should say when the ETAs came from too few incidents to say what would have held", () => {
    const facts = etaAdvice(
      ledgerOf([past(minutes(40), ["met", 5, 10]), past(minutes(50), ["met", "met"])]),
      query(),
      now,
    );
    expect(facts).toMatchObject({ enoughHistory: true, etas: 5, incidentsPastAge: 2, etaHeld: null });
    expect(etaAdviceText(facts, now, "UTC")).toBe(
      "Of 5 similar ETAs in 90 days, 3 were met; missed ones ran over by a median of 7 min (80% of them by 10 min or less). Only 2 incidents gave them: too few to say what ETA would have held.",
    );
  });

  it("Should say when too few incidents lasted as long as this one has", () => {
    const facts = etaAdvice(ledgerOf(ledger), query(minutes(145)), now);
    expect(facts.incidentsPastAge).toBe(2);
    expect(etaAdviceText(facts, now, "UTC")).toMatch(
      / Only 2 of those incidents lasted longer than this one has so far: too few to say what ETA would have held\.$/,
    );
    expect(etaAdviceText(etaAdvice(ledgerOf(ledger), query(minutes(170)), now), now, "UTC")).toMatch(
      / None of those incidents lasted as long as this one has so far: the record cannot say what ETA would hold\.$/,
    );
  });
});
