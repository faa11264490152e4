// The front thread's copy of the serving table (ADR 0015), without a thread:
// which render a URL is answered from, and when the front must pass instead.
import { describe, expect, it } from "vitest";
import type { ServedRender } from "../../src/app-env.ts";
import { frontTable } from "../../src/entry/front-table.ts";

function render(etag: string): ServedRender {
  const reply = { status: 200, flatHeaders: ["etag", etag, "x-request-id", ""], body: new Uint8Array([1]) };
  return {
    route: 0,
    stale: false,
    etag,
    identity: { get: reply, head: { ...reply, body: null } },
    notModified: { ...reply, status: 304 },
  };
}

const now = 1_000_000;

describe("the front thread's table", () => {
  it("Should serve the renders a table names until its deadline, and nothing else", () => {
    const t = frontTable();
    const a = render('"a"');
    t.receive({ type: "entry", id: 1, entry: a });
    expect(t.find("/", now)).toBeNull();
    t.receive({ type: "table", generation: 1, deadlineMs: now + 1000, rows: [["/", 1]] });
    expect(t.find("/", now)).toBe(a);
    expect(t.find("/history", now)).toBeNull();
    expect(t.find("/", now + 999)).toBe(a);
    expect(t.find("/", now + 1000)).toBeNull();
  });

  it("Should serve nothing from a table older than an answer the app made after a write, until a newer table comes", () => {
    const t = frontTable();
    const old = render('"old"');
    t.receive({ type: "entry", id: 1, entry: old });
    t.receive({ type: "table", generation: 4, deadlineMs: now + 1000, rows: [["/", 1]] });
    // The writer's 201 was made at generation 5 (the write changed the cache).
    t.answered(5);
    expect(t.find("/", now)).toBeNull();
    // An answer from before the write, arriving late, changes nothing.
    t.answered(3);
    expect(t.find("/", now)).toBeNull();
    const fresh = render('"new"');
    t.receive({ type: "entry", id: 2, entry: fresh });
    t.receive({ type: "table", generation: 5, deadlineMs: now + 1000, rows: [["/", 2]] });
    expect(t.find("/", now)).toBe(fresh);
  });

  it("Should drop renders no table uses any more, and keep those it does across tables", () => {
    const t = frontTable();
    t.receive({ type: "entry", id: 1, entry: render('"a"') });
    t.receive({ type: "entry", id: 2, entry: render('"b"') });
    t.receive({ type: "table", generation: 1, deadlineMs: now + 1000, rows: [["/", 1]] });
    // Render 2 was never used by a table, so it is gone: a table naming it later finds nothing for that URL.
    t.receive({
      type: "table",
      generation: 2,
      deadlineMs: now + 1000,
      rows: [
        ["/", 1],
        ["/history", 2],
      ],
    });
    expect(t.find("/", now)?.etag).toBe('"a"');
    expect(t.find("/history", now)).toBeNull();
    // A table without "/" drops render 1 as well.
    t.receive({ type: "table", generation: 3, deadlineMs: now + 1000, rows: [] });
    t.receive({ type: "table", generation: 4, deadlineMs: now + 1000, rows: [["/", 1]] });
    expect(t.find("/", now)).toBeNull();
  });
});
