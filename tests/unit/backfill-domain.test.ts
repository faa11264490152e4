import { describe, expect, it } from "vitest";
import { type BackfillTimes, checkBackfill, overlaps } from "../../src/domain/backfill.ts";
import { AppError } from "../../src/errors.ts";

const now = new Date("2026-11-23T14:00:00Z");
const hour = 3_600_000;
const ago = (ms: number) => new Date(now.getTime() - ms);

/** A past incident from 5 h to 3 h ago, with an update in the middle and its resolution. */
const past = (over: Partial<BackfillTimes> = {}): BackfillTimes => ({
  startedAt: ago(5 * hour),
  resolvedAt: ago(3 * hour),
  updates: [
    { status: "investigating", message: "Down.", at: ago(5 * hour) },
    { status: "resolved", message: "Up.", at: ago(3 * hour) },
  ],
  ...over,
});

/** The fields checkBackfill names, or [] when it accepts. */
function problems(input: BackfillTimes): string[] {
  try {
    checkBackfill(input, now);
    return [];
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    expect(err.status).toBe(400);
    return (err.details ?? []).map((d) => d.field);
  }
}

describe("checkBackfill", () => {
  it("Should accept a past incident whose updates run oldest first from its start to its resolution", () => {
    expect(problems(past())).toEqual([]);
  });

  it("Should refuse times in the future", () => {
    expect(problems(past({ resolvedAt: new Date(now.getTime() + 1000) }))).toContain("resolved_at");
    expect(
      problems(past({ startedAt: new Date(now.getTime() + hour), resolvedAt: new Date(now.getTime() + 2 * hour) })),
    ).toEqual(expect.arrayContaining(["started_at", "resolved_at"]));
  });

  it("Should accept a resolution at this very moment", () => {
    const updates = past().updates.map((u, i) => (i === 1 ? { ...u, at: now } : u));
    expect(problems(past({ resolvedAt: now, updates }))).toEqual([]);
  });

  it("Should refuse a resolution before, or at, the start", () => {
    expect(problems(past({ resolvedAt: ago(5 * hour) }))).toContain("resolved_at");
    expect(problems(past({ resolvedAt: ago(6 * hour) }))).toContain("resolved_at");
  });

  it("Should refuse updates outside [started_at, resolved_at], out of order, or at the same time", () => {
    const [first, last] = past().updates;
    const middle = { status: "identified" as const, message: "Found it.", at: ago(4 * hour) };
    expect(problems(past({ updates: [{ ...first, at: ago(6 * hour) }, last] }))).toEqual(["updates.0.at"]);
    expect(problems(past({ updates: [first, { ...middle, at: ago(2 * hour) }, last] }))).toContain("updates.1.at");
    expect(problems(past({ updates: [middle, first, last] }))).toEqual(["updates.1.at"]);
    expect(problems(past({ updates: [first, { ...middle, at: first.at }, last] }))).toEqual(["updates.1.at"]);
  });

  it("Should end with one resolving update, at resolved_at", () => {
    const [first, last] = past().updates;
    expect(problems(past({ updates: [first] }))).toEqual(["updates.0.at", "updates.0.status"]);
    expect(problems(past({ updates: [{ ...first, status: "resolved" }, last] }))).toEqual(["updates.0.status"]);
    expect(problems(past({ updates: [first, { ...last, at: ago(4 * hour) }] }))).toEqual(["updates.1.at"]);
  });
});

describe("overlaps", () => {
  const span = (from: number, to: number | null) => ({
    startedAt: ago(from * hour),
    resolvedAt: to === null ? null : ago(to * hour),
  });

  it("Should overlap when the intervals share any time, either way round", () => {
    expect(overlaps(span(5, 3), span(4, 2))).toBe(true);
    expect(overlaps(span(4, 2), span(5, 3))).toBe(true);
    expect(overlaps(span(5, 1), span(4, 3))).toBe(true);
  });

  it("Should not overlap when one ends as the other starts: intervals are [started, resolved)", () => {
    expect(overlaps(span(5, 3), span(3, 1))).toBe(false);
    expect(overlaps(span(3, 1), span(5, 3))).toBe(false);
  });

  it("Should let an open incident run on without end", () => {
    expect(overlaps(span(5, 3), span(4, null))).toBe(true);
    expect(overlaps(span(2, 1), span(4, null))).toBe(true);
    expect(overlaps(span(5, 4), span(4, null))).toBe(false);
  });
});
