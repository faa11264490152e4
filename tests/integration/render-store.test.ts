// Renders saved in DATA_DIR/renders: written after the response, atomically
// (a temp file renamed into place), one file per URL with only its newest
// render, and loaded back by another store on the same directory, as a
// process started during a database outage does.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SavedRender } from "../../src/app-env.ts";
import { fileRenderStore } from "../../src/entry/render-store.ts";
import { publicCache } from "../../src/middleware/public-cache/index.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function renderDir() {
  const dir = mkdtempSync(join(tmpdir(), "candor-renders-"));
  dirs.push(dir);
  return join(dir, "renders");
}

const render = (key: string, text: string, renderedAt = Date.UTC(2026, 11, 2, 14, 2)): SavedRender => ({
  key,
  version: 7,
  renderedAt,
  status: 200,
  headers: { "content-type": "text/html; charset=UTF-8" },
  body: new TextEncoder().encode(text),
});

describe("fileRenderStore", () => {
  it("Should save the newest render of each URL and load them back in another store, leaving no temp files", async () => {
    const dir = renderDir();
    const store = fileRenderStore(dir, () => {});
    store.save(render("/", "first"));
    store.save(render("/", "second"));
    store.save(render("/incidents/inc_1", "incident"));
    await store.flushed();
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(2);
    const loaded = await fileRenderStore(dir, () => {}).load();
    const byKey = Object.fromEntries(loaded.map((r) => [r.key, new TextDecoder().decode(r.body)]));
    expect(byKey).toEqual({ "/": "second", "/incidents/inc_1": "incident" });
    expect(loaded[0]).toMatchObject({ version: 7, status: 200, renderedAt: Date.UTC(2026, 11, 2, 14, 2) });
  });

  it("Should load nothing from a missing directory and skip files that are not whole renders", async () => {
    const dir = renderDir();
    expect(await fileRenderStore(dir, () => {}).load()).toEqual([]);
    const store = fileRenderStore(dir, () => {});
    store.save(render("/", "kept"));
    await store.flushed();
    writeFileSync(join(dir, "broken.json"), '{"key":"/hist');
    const loaded = await store.load();
    expect(loaded.map((r) => r.key)).toEqual(["/"]);
  });

  it("Should give a new cache the saved pages to serve", async () => {
    const dir = renderDir();
    const store = fileRenderStore(dir, () => {});
    store.save(render("/", `<main id="main">${"<p>ok</p>".repeat(200)}</main>`));
    await store.flushed();
    const cache = publicCache({ renderStore: fileRenderStore(dir, () => {}) });
    expect(await cache.loaded).toBe(1);
  });
});
