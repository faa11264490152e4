// The serving table a front thread answers from, and the generation that
// tells it to ask again: deterministic, with no thread and no database.
import { describe, expect, it } from "vitest";
import { servingTable } from "../../src/middleware/public-cache/lookup.ts";
import { cachedRouteIndex, cachedRoutes } from "../../src/middleware/public-cache/paths.ts";
import { cacheState } from "../../src/middleware/public-cache/state.ts";
import { fakeDb } from "../support/outage.ts";

const minute = 29_000_000;
const nowMs = minute * 60_000 + 5_000;

async function cached(version: number) {
  const monotonic = { now: 0 };
  const state = cacheState({ versionTtlMs: 1000, monotonic: () => monotonic.now, compressors: {} });
  const db = { version, reads: 0 };
  await state.versions.current(fakeDb(db));
  const entry = await state.capture(new Response("<p>All systems operational</p>"), version, minute);
  if (!entry) throw new Error("not cached");
  state.store("/", entry);
  return { state, db, entry, table: servingTable(state) };
}

const keys = (rows: readonly [string, unknown][]) => rows.map(([key]) => key);

describe("the serving table", () => {
  it("Should list a stored render until the next minute, and count the store as a change", async () => {
    const { state, entry, table } = await cached(1);
    const first = table(nowMs);
    expect(keys(first.rows)).toEqual(["/"]);
    expect(first.rows[0]?.[1].etag).toBe(entry.etag);
    expect(first.deadlineMs).toBe(nowMs + 1000);
    expect(first.generation).toBe(state.generation());
    // The next minute renders every page again: nothing is served from the old one.
    expect(keys(table((minute + 1) * 60_000).rows)).toEqual([]);
  });

  it("Should drop a render when the data version moves on, and serve it again while its successor renders", async () => {
    const { state, db, entry, table } = await cached(1);
    db.version = 2;
    state.versions.stale();
    await state.versions.current(fakeDb(db));
    expect(keys(table(nowMs).rows)).toEqual([]);

    const before = state.generation();
    state.beginRender("/", new Promise(() => {}));
    // Without this change the front would pass every read of / to the app until the render is stored.
    expect(state.generation()).toBeGreaterThan(before);
    const during = table(nowMs);
    expect(keys(during.rows)).toEqual(["/"]);
    expect(during.rows[0]?.[1].etag).toBe(entry.etag);

    const rendering = state.generation();
    state.endRender("/");
    expect(state.generation()).toBeGreaterThan(rendering);
    expect(keys(table(nowMs).rows)).toEqual([]);
  });

  it("Should tell listeners of each change, and not of ending a render that was never begun", async () => {
    const { state } = await cached(1);
    let heard = 0;
    state.onChange(() => heard++);
    state.beginRender("/", new Promise(() => {}));
    state.endRender("/");
    expect(heard).toBe(2);
    state.endRender("/");
    state.endRender("/history");
    expect(heard).toBe(2);
  });

  it("Should return the same served form for the same render, so the front can tell what changed", async () => {
    const { table } = await cached(1);
    const a = table(nowMs).rows[0]?.[1];
    const b = table(nowMs + 10).rows[0]?.[1];
    expect(a).toBeDefined();
    expect(a).toBe(b);
  });
});

describe("the route a cached URL is counted under", () => {
  it("Should name the router's pattern, without the query, and 'other' for what it does not know", () => {
    const route = (url: string) => cachedRoutes[cachedRouteIndex(url)];
    expect(route("/")).toBe("/");
    expect(route("/?utm_source=x")).toBe("/");
    expect(route("/incidents/inc_1")).toBe("/incidents/:id");
    expect(route("/incidents/inc_1?x=1")).toBe("/incidents/:id");
    expect(route("/history.atom")).toBe("/history.atom");
    expect(route("/feed.rss")).toBe("/feed.rss");
    expect(route("/api/v2/scheduled-maintenances/upcoming.json")).toBe("/api/v2/scheduled-maintenances/upcoming.json");
    expect(route("/api/v2/nothing.json")).toBe("other");
    expect(route("/incidents/a/b")).toBe("other");
  });

  it("Should carry the route on the served form, so a front thread counts a hit without reading its URL", async () => {
    const { state, table } = await cached(1);
    const entry = await state.capture(new Response("<p>Incident</p>"), 1, minute);
    if (!entry) throw new Error("not cached");
    state.store("/incidents/inc_1?ref=mail", entry);
    const rows = table(nowMs).rows;
    expect(rows.map(([key, form]) => [key, cachedRoutes[form.route], form.stale])).toEqual([
      ["/", "/", false],
      ["/incidents/inc_1?ref=mail", "/incidents/:id", false],
    ]);
  });
});
