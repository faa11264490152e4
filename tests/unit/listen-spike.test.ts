import { describe, expect, it } from "vitest";
import { type SpikeInput, type SpikePost, spikeVerdict } from "../../src/domain/listen/spike.ts";

const now = new Date("2026-12-03T10:00:00Z");
const minute = 60_000;
const day = 24 * 60 * minute;
const windowMs = 15 * minute;

/** `count` distinct authors posting `ago` ms before now (named by `prefix`, so days do not share authors). */
const authors = (count: number, ago: number, prefix = `a${ago}`): SpikePost[] =>
  Array.from({ length: count }, (_, i) => ({ authorId: `${prefix}-${i}`, at: new Date(now.getTime() - ago) }));

/** The same number of authors in the window on each of the last 7 days. */
const usualWeek = (perDay: number) => [1, 2, 3, 4, 5, 6, 7].flatMap((d) => authors(perDay, d * day + minute));

const verdict = (overrides: Partial<SpikeInput>) =>
  spikeVerdict({
    now,
    windowMs,
    minAuthors: 5,
    factor: 3,
    cooldownMs: 60 * minute,
    lastAlertAt: null,
    incidentOpen: false,
    posts: [],
    ...overrides,
  });

describe("spikeVerdict", () => {
  it("pages when three times the usual number of people post, and enough of them", () => {
    const v = verdict({ posts: [...usualWeek(2), ...authors(9, minute)] });
    expect(v).toEqual({ authors: 9, baseline: 3, alert: true, recordOnIncident: false, why: "spike" });
  });

  it("counts people, not posts: one author posting twenty times is one", () => {
    const posts = Array.from({ length: 20 }, (_, i) => ({ authorId: "angry", at: new Date(now.getTime() - i * 1000) }));
    expect(verdict({ posts })).toMatchObject({ authors: 1, alert: false, why: "too_few_authors" });
  });

  it("needs minAuthors even when the baseline is tiny", () => {
    // Baseline 0 + 1 = 1: four people are four times usual, yet too few to page anyone.
    expect(verdict({ posts: authors(4, minute) })).toMatchObject({ authors: 4, baseline: 1, why: "too_few_authors" });
    expect(verdict({ posts: authors(5, minute) })).toMatchObject({ authors: 5, baseline: 1, why: "spike" });
  });

  it("needs factor × baseline: at exactly the factor it is a spike, one fewer is usual", () => {
    expect(verdict({ posts: [...usualWeek(3), ...authors(12, minute)] })).toMatchObject({ baseline: 4, why: "spike" });
    expect(verdict({ posts: [...usualWeek(3), ...authors(11, minute)] })).toMatchObject({
      baseline: 4,
      alert: false,
      why: "usual_volume",
    });
  });

  it("takes the median of the 7 days, so one busy day does not raise the baseline", () => {
    const posts = [...usualWeek(1), ...authors(50, 3 * day), ...authors(6, minute)];
    expect(verdict({ posts })).toMatchObject({ authors: 6, baseline: 2, why: "spike" });
  });

  it("uses the median when days differ: counts 0,0,1,2,3,8,9 give 2 + 1", () => {
    const counts = [0, 9, 1, 3, 0, 8, 2];
    const posts = counts.flatMap((n, i) => authors(n, (i + 1) * day + minute));
    expect(verdict({ posts }).baseline).toBe(3);
  });

  it("windows are (now - window, now]: a post exactly window ago is out, one at now is in", () => {
    const posts = [...authors(1, windowMs, "edge"), ...authors(1, 0, "now")];
    expect(verdict({ posts }).authors).toBe(1);
    // The same edges hold for the days before.
    const past = [...authors(1, day + windowMs, "old-edge"), ...authors(1, day, "old-now")];
    expect(verdict({ posts: [...past, ...authors(8, 0)] }).baseline).toBe(1);
  });

  it("ignores posts after now", () => {
    expect(verdict({ posts: authors(9, -minute) }).authors).toBe(0);
  });

  it("during an open incident records the spike there and pages nobody", () => {
    const v = verdict({ incidentOpen: true, posts: authors(9, minute) });
    expect(v).toEqual({ authors: 9, baseline: 1, alert: false, recordOnIncident: true, why: "incident_open" });
  });

  it("an open incident without a spike records nothing", () => {
    expect(verdict({ incidentOpen: true, posts: authors(2, minute) })).toMatchObject({
      alert: false,
      recordOnIncident: false,
    });
  });

  it("waits out the cooldown after an alert, then pages again", () => {
    const posts = authors(9, minute);
    const at = (ago: number) => new Date(now.getTime() - ago);
    expect(verdict({ posts, lastAlertAt: at(59 * minute) })).toMatchObject({ alert: false, why: "cooling_down" });
    expect(verdict({ posts, lastAlertAt: at(60 * minute) })).toMatchObject({ alert: false, why: "cooling_down" });
    expect(verdict({ posts, lastAlertAt: at(60 * minute + 1) })).toMatchObject({ alert: true, why: "spike" });
  });

  it("with no posts at all is quiet", () => {
    expect(verdict({})).toEqual({
      authors: 0,
      baseline: 1,
      alert: false,
      recordOnIncident: false,
      why: "too_few_authors",
    });
  });
});
