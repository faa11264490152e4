import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { recordLineText } from "../../../src/render/text/record-line.ts";
import {
  type IncidentPromiseCounts,
  onTimePercent,
  type RecordLedgerRow,
  recordTotals,
} from "../../../src/render/views/record.ts";
import { recordPageView } from "../../../src/render/views/record-page.ts";
import { at, revision } from "./fixtures.ts";

const counts = (over: Partial<IncidentPromiseCounts>): IncidentPromiseCounts => ({
  id: "inc_1",
  startedAt: at("2026-11-20T10:00:00Z"),
  etasMet: 0,
  etasMissed: 0,
  updatesOnTime: 0,
  updatesLate: 0,
  ...over,
});

describe("the record line", () => {
  const line = (c: IncidentPromiseCounts[]) => recordLineText(recordTotals(c), 90);

  it("Should give both figures, the share of updates rounded down so it never flatters", () => {
    const totals = recordTotals([
      counts({ updatesOnTime: 30, updatesLate: 1, etasMet: 5, etasMissed: 2 }),
      counts({ updatesOnTime: 9, etasMet: 2, etasMissed: 1 }),
    ]);
    expect(totals).toEqual({ incidents: 2, updates: { settled: 40, onTime: 39 }, etas: { given: 10, met: 7 } });
    expect(onTimePercent(totals.updates)).toBe(97); // 97.5
    expect(onTimePercent({ settled: 1000, onTime: 999 })).toBe(99);
    expect(onTimePercent({ settled: 0, onTime: 0 })).toBeNull();
    expect(recordLineText(totals, 90)).toBe(
      "In the last 90 days we posted 97% of promised updates on time and met 7 of 10 estimates of when service would be back.",
    );
  });

  it("Should leave out a figure with nothing due, and say so when neither is", () => {
    expect(line([counts({ updatesOnTime: 4 })])).toBe(
      "In the last 90 days we posted 100% of promised updates on time.",
    );
    expect(line([counts({ etasMissed: 1 })])).toBe(
      "In the last 90 days we met 0 of 1 estimates of when service would be back.",
    );
    expect(line([counts({ updatesLate: 2 })])).toBe("In the last 90 days we posted 0% of promised updates on time.");
    expect(line([])).toBe("In the last 90 days no promised update or estimate came due.");
  });
});

describe("recordPageView", () => {
  const config = loadConfig({ PAGE_SHOW_RECORD: "on", PAGE_TIMEZONE: "Europe/Berlin" });
  const now = at("2027-01-10T12:00:00Z");
  const since = at("2026-10-12T12:00:00Z");
  const incident = {
    id: "inc_1",
    title: "A <b>bold</b> title",
    startedAt: at("2026-12-31T23:30:00Z"),
    resolvedAt: null,
  };

  it("Should give every month the window touches, newest first, by the month in the page's zone", () => {
    const view = recordPageView(
      {
        since,
        days: 90,
        // 23:30 UTC on 31 Dec is 00:30 on 1 Jan in Berlin.
        counts: [counts({ startedAt: incident.startedAt, updatesOnTime: 2, updatesLate: 1, etasMissed: 2 })],
        ledger: [
          { ...revision({ outcome: "missed", missedBySeconds: 600 }), incident },
          { ...revision({ id: "eta_2", outcome: "missed", missedBySeconds: 1800 }), incident },
        ],
      },
      now,
      config,
    );
    expect(view.from).toBe("12 Oct 2026");
    expect(view.months).toEqual([
      {
        key: "2027-01",
        label: "January 2027",
        incidents: 1,
        updates: "2 of 3 (66%)",
        etas: "0 of 2",
        overrun: "20 min",
      },
      ...["2026-12", "2026-11", "2026-10"].map((key) => expect.objectContaining({ key, incidents: 0 })),
    ]);
    expect(view.chrome).toMatchObject({ current: "record", showRecord: true });
  });

  it("Should say when service was back, or that it is not yet, beside each ETA's outcome", () => {
    const resolved = { ...incident, resolvedAt: at("2027-01-01T01:10:00Z") };
    const rows: RecordLedgerRow[] = [
      {
        ...revision({ eta: at("2027-01-01T00:30:00Z"), outcome: "missed", missedBySeconds: 2400 }),
        incident: resolved,
      },
      { ...revision({ eta: at("2027-01-10T13:00:00Z"), outcome: null }), incident },
    ];
    const view = recordPageView({ since, days: 90, counts: [], ledger: rows }, now, config);
    expect(view.ledger[0]).toMatchObject({
      incident: { id: "inc_1", title: "A <b>bold</b> title" },
      outcome: "Missed by 40 minutes",
      back: { iso: "2027-01-01T01:10:00.000Z", text: "02:10 CET" },
    });
    expect(view.ledger[1]).toMatchObject({ outcome: "Current estimate", back: null, backText: "Not yet" });
  });
});
