// The public status page, as customers read it: `/`, `/incidents/{id}` and
// `/history` rendered by the app over each database, under the fake clock.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { incidents } from "../../src/db/schema/index.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { render } from "../../src/render/index.ts";
import { readableOn } from "../../src/render/views/brand.ts";
import { shortDuration } from "../../src/render/views/durations.ts";
import { describeWindow } from "../../src/render/window.ts";
import { postDueAutomaticUpdate } from "../../src/scheduler/index.ts";
import { systemActor } from "../../src/services/context.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { hours, minutes } from "../support/time.ts";

const dayMs = 86_400_000;

const nasty = '<script>alert(1)</script> "quotes" & <b>tags</b>';
const nastyEscaped = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;";

/** What a reader sees: tags, styles and scripts gone, entities decoded, spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, "=")
    .replace(/&#x60;/g, "`")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

async function get(t: TestApp, path: string) {
  const res = await t.app.request(path);
  const html = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", html, text: textOf(html) };
}

/** The overall banner's words. */
const bannerOf = (html: string) => /<h2 id="overall">.*?<span class="label">([^<]*)<\/span>/.exec(html)?.[1];

type Cell = { level: number | null; links: { id: string; title: string }[] };

/** The 90 day cells of one component's row on `/`, oldest first. */
function cellsOf(html: string, componentName: string): Cell[] {
  const start = html.indexOf(`<tr><th scope="row"><span>${componentName}</span>`);
  expect(start, `row of ${componentName}`).toBeGreaterThan(0);
  const ends = [html.indexOf("<tr>", start + 4), html.indexOf("</table>", start)].filter((i) => i > 0);
  const row = html.slice(start, Math.min(...ends));
  return row
    .split("<td")
    .slice(1)
    .map((cell) => ({
      level: /^ tabindex=0 class=i(\d)>/.test(cell) ? Number(/class=i(\d)/.exec(cell)?.[1]) : null,
      links: [...cell.matchAll(/<a href="\/incidents\/([^"]+)">([^<]*)<\/a>/g)].map((m) => ({ id: m[1], title: m[2] })),
    }));
}

/** The day labels the stylesheet gives the cells, oldest first ("24 Nov 2026"). */
function dayLabelsOf(html: string): string[] {
  return [...html.matchAll(/\.h td:nth-child\((\d+)\)\{--d:"([^"]+)"\}/g)].map((m, i) => {
    expect(Number(m[1])).toBe(i + 2);
    return m[2];
  });
}

/** Index of a UTC day in a 90-day window ending on `today`. */
const dayIndex = (day: string, today: string) => 89 - Math.round((Date.parse(today) - Date.parse(day)) / dayMs);

/** /history as read: each month's heading and, under it, each entry's title and line. */
const historyOf = (html: string) =>
  [...html.matchAll(/<h2 id="m-[\d-]+">([^<]*)<\/h2>([\s\S]*?)<\/section>/g)].map(
    (m) => [m[1], [...m[2].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((li) => textOf(li[1]))] as const,
  );

describe.each(databaseKinds)("the public status page on %s", (kind) => {
  describe("the overall banner and the components", () => {
    // Each test gets a page of its own: the first one needs a page with nothing set up.
    let t: TestApp;
    beforeEach(async () => {
      t = await startTestApp(kind);
    });
    afterEach(() => t.close());

    const setStatus = async (slug: string, status: string) => {
      const res = await t.call("PATCH", `/api/v1/components/${slug}`, { status });
      expect(res.status, res.text).toBe(200);
    };
    /** API and Database in Core, Website in Web, Docs in no group; all operational. */
    async function addComponents() {
      for (const body of [
        { slug: "api", name: "API", group: "Core", position: 1 },
        { slug: "db", name: "Database", group: "Core", position: 2 },
        { slug: "web", name: "Website", group: "Web" },
        { slug: "docs", name: "Docs" },
      ]) {
        const res = await t.call("POST", "/api/v1/components", body);
        expect(res.status, res.text).toBe(201);
      }
    }

    it("Should say All Systems Operational with nothing set up, and offer no component list", async () => {
      const home = await get(t, "/");
      expect(home.status).toBe(200);
      expect(home.type).toContain("text/html");
      expect(bannerOf(home.html)).toBe("All Systems Operational");
      expect(home.text).toContain("No active incidents");
      expect(home.text).toContain("No components yet.");
    });

    it("Should show components by group, each status as a word with a shape", async () => {
      await addComponents();
      await setStatus("db", "partial_outage");
      const { html } = await get(t, "/");
      const tables = [...html.matchAll(/<table class="h"([^>]*)>([\s\S]*?)<\/table>/g)];
      const summary = tables.map((m) => ({
        caption: /<caption>([^<]*)<\/caption>/.exec(m[2])?.[1] ?? null,
        rows: [
          ...m[2].matchAll(
            /<th scope="row"><span>([^<]*)<\/span><span class="st s-(\w+)">(<span[^>]*>[^<]*<\/span>[^<]*)<\/span>/g,
          ),
        ].map((r) => [r[1], r[2], textOf(r[3])]),
      }));
      expect(summary).toEqual([
        { caption: null, rows: [["Docs", "operational", "✓Operational"]] },
        {
          caption: "Core",
          rows: [
            ["API", "operational", "✓Operational"],
            ["Database", "partial_outage", "◆Partial outage"],
          ],
        },
        { caption: "Web", rows: [["Website", "operational", "✓Operational"]] },
      ]);
      // The shape is decoration for sighted readers; the word is what is read out.
      expect(html).toContain('<span class="ic" aria-hidden="true">◆</span>Partial outage');
    });

    it("Should name every level in the banner: the worst component status, no better than open incidents", async () => {
      await addComponents();
      await setStatus("db", "partial_outage");
      expect(bannerOf((await get(t, "/")).html)).toBe("Partial Outage");
      await setStatus("db", "operational");
      expect(bannerOf((await get(t, "/")).html)).toBe("All Systems Operational");
      await setStatus("api", "under_maintenance");
      expect(bannerOf((await get(t, "/")).html)).toBe("Under Maintenance");
      await setStatus("web", "degraded_performance");
      expect(bannerOf((await get(t, "/")).html)).toBe("Degraded Performance");
      await setStatus("db", "partial_outage");
      expect(bannerOf((await get(t, "/")).html)).toBe("Partial Outage");
      await setStatus("docs", "major_outage");
      const home = await get(t, "/");
      expect(bannerOf(home.html)).toBe("Major Outage");
      expect(home.html).toContain('<section class="card banner s-major_outage"');
      expect(home.html).toContain("<title>Major Outage · Status</title>");
      for (const slug of ["api", "web", "db", "docs"]) await setStatus(slug, "operational");

      // An open incident that names no component still shows in the banner.
      const { id } = await t.declare({ title: "Logins fail", impact: "major" });
      const withIncident = await get(t, "/");
      expect(bannerOf(withIncident.html)).toBe("Partial Outage");
      expect(withIncident.text).toContain("1 active incident");
      await t.postUpdate(id, { status: "resolved", message: "Fixed." });
      expect(bannerOf((await get(t, "/")).html)).toBe("All Systems Operational");
    });

    it("Should keep the subscribe form's fields, link the feeds and the JSON, and render no maintenance section", async () => {
      await addComponents();
      const { html } = await get(t, "/");
      expect(html).toContain('<form class="card" method="post" action="/subscribe">');
      expect(html).toContain(
        '<input id="email" name="email" type="email" required autocomplete="email" maxlength="254">',
      );
      for (const slug of ["api", "db", "web", "docs"])
        expect(html).toContain(`<input type="checkbox" name="components" value="${slug}">`);
      expect(html).toContain(
        '<link rel="alternate" type="application/rss+xml" title="Status status (RSS)" href="/history.rss">',
      );
      expect(html).toContain(
        '<link rel="alternate" type="application/atom+xml" title="Status status (Atom)" href="/history.atom">',
      );
      for (const href of ["/history.rss", "/history.atom", "/api/v2/summary.json", "/history"])
        expect(html).toContain(`<a href="${href}">`);
      expect(html).toMatch(/<header class="top">[\s\S]*<main id="main">[\s\S]*<\/main>\s*<footer/);
      expect(html).toContain('<nav aria-label="Status page">');
      expect(html).not.toContain('id="maintenance"');

      // The form as a browser posts it: the same confirmation page as before.
      const res = await t.app.request("/subscribe", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "198.51.100.7" },
        body: "email=reader%40example.org&components=api&components=web",
      });
      expect(res.status).toBe(202);
      expect(textOf(await res.text())).toContain("Check your inbox");
    });
  });

  describe("promises on / and on the incident page", () => {
    // One incident's life in steps; each test replays the steps before its own on a page of its own.
    let t: TestApp;
    beforeEach(async () => {
      t = await startTestApp(kind);
      await t.call("POST", "/api/v1/components", { slug: "api", name: "API" });
    });
    afterEach(() => t.close());

    /**
     * "Checkout errors" declared at 12:00 with an ETA of 13:00, then identified at 12:05, each
     * promising the next update in 15 minutes; returns its id.
     */
    async function declareCheckout() {
      // 12:00 UTC on the fake clock.
      const { id } = await t.declare({
        title: "Checkout errors",
        message: "Payments fail for some cards.",
        components: { api: "major_outage" },
        eta: t.clock.in(minutes(60)),
        next_update_in: "PT15M",
      });
      t.clock.advance(minutes(5));
      await t.postUpdate(id, {
        status: "identified",
        message: "A bad certificate; replacing it.",
        next_update_in: "PT15M",
      });
      return id;
    }
    /** At 13:25 the machine admits the missed ETA; the clock is left at 15:30. */
    async function missEta(id: string) {
      t.clock.now = new Date("2026-11-23T13:25:00Z");
      const ctx = { db: t.db, config: t.config, clock: t.clock.read, actor: systemActor };
      expect(await postDueAutomaticUpdate(ctx, id)).toBe("eta_missed");
      t.clock.now = new Date("2026-11-23T15:30:00Z");
    }

    it("Should show the latest update, its status, the ETA and the next update time", async () => {
      const id = await declareCheckout();
      const home = await get(t, "/");
      expect(home.text).toContain(
        "Checkout errors ✕Major outage · Identified · since 12:00 UTC Affects: API (Major outage) A bad certificate; replacing it. By the team · 12:05 UTC",
      );
      expect(home.text).toContain("We expect service back by 13:00 UTC.");
      expect(home.text).toContain("Next update by 12:20 UTC.");
      expect(home.html).toContain(
        'We expect service back by <time datetime="2026-11-23T13:00:00.000Z">13:00 UTC</time>.',
      );
      expect(home.html).toContain(`<a href="/incidents/${id}">Checkout errors</a>`);
      expect(home.text).not.toContain("passed");
    });

    it("Should say honestly, in minutes and hours from the clock, when the ETA has passed", async () => {
      const id = await declareCheckout();
      t.clock.now = new Date("2026-11-23T13:25:00Z");
      let home = await get(t, "/");
      expect(home.text).toContain("Our estimate of 13:00 UTC passed 25 minutes ago.");
      expect(home.text).toContain("Our next update, due at 12:20 UTC, is 1 hour 5 minutes late.");
      expect(home.text).not.toContain("We expect service back");

      // The machine admits the miss and withdraws the estimate; the page keeps saying it passed.
      const ctx = { db: t.db, config: t.config, clock: t.clock.read, actor: systemActor };
      expect(await postDueAutomaticUpdate(ctx, id)).toBe("eta_missed");
      home = await get(t, "/");
      expect(home.text).toContain("Our estimate of 13:00 UTC passed 25 minutes ago.");
      expect(home.text).toContain("We don't have a new estimate yet.");
      expect(home.text).toContain("Next update by 13:40 UTC.");
      expect(home.text).toContain("Automatic: our estimate passed · 13:25 UTC");

      t.clock.now = new Date("2026-11-23T15:30:00Z");
      home = await get(t, "/");
      expect(home.text).toContain("Our estimate of 13:00 UTC passed 2 hours 30 minutes ago.");
      const page = await get(t, `/incidents/${id}`);
      expect(page.text).toContain("Our estimate of 13:00 UTC passed 2 hours 30 minutes ago.");
      expect(page.text).toContain("Started 23 Nov 2026, 12:00 UTC, ongoing for 3 h 30 min.");
    });

    it("Should show the timeline newest first with kinds, the ETA ledger, the components, the duration and the X thread", async () => {
      const id = await declareCheckout();
      await missEta(id);
      // The next update was due at 13:40: the machine posts a holding update.
      const ctx = { db: t.db, config: t.config, clock: t.clock.read, actor: systemActor };
      expect(await postDueAutomaticUpdate(ctx, id)).toBe("holding");
      t.clock.now = new Date("2026-11-23T15:35:00Z");
      await t.postUpdate(id, { message: "New certificate rolling out.", eta: t.clock.in(minutes(55)) });
      t.clock.now = new Date("2026-11-23T16:00:00Z");
      await t.postUpdate(id, {
        status: "resolved",
        message: "All payments work again.",
        components: { api: "operational" },
      });
      await t.db.update(incidents).set({ twitterThreadRootId: "1860000000000000001" }).where(eq(incidents.id, id));

      const page = await get(t, `/incidents/${id}`);
      expect(page.status).toBe(200);
      expect(page.html).toContain('<h1 id="title">Checkout errors</h1>');
      expect(page.text).toContain(
        "✕Major outage · Resolved Started 23 Nov 2026, 12:00 UTC, resolved 16:00 UTC (lasted 4 h).",
      );
      const summary =
        /<section class="card banner[^>]*aria-label="Summary">([\s\S]*?)<\/section>/.exec(page.html)?.[1] ?? "";
      expect(textOf(summary)).not.toMatch(/Next update|estimate/);
      expect(page.html).toContain('<a href="https://x.com/i/web/status/1860000000000000001" rel="noopener">');
      expect(page.text).toContain("Affected components API: ✓Operational");

      const updates = [
        ...page.html.matchAll(
          /<li>\s*<h3>([^<]*)<\/h3>\s*<p class="muted">([\s\S]*?)<\/p>\s*<p class="msg">([^<]*)<\/p>/g,
        ),
      ].map((m) => [m[1], textOf(m[2]), m[3]]);
      expect(updates).toEqual([
        ["Resolved", "23 Nov 2026, 16:00 UTC · By the team", "All payments work again."],
        ["Identified", "23 Nov 2026, 15:35 UTC · By the team", "New certificate rolling out."],
        [
          "Identified",
          "23 Nov 2026, 15:30 UTC · Automatic: the promised update, no news yet",
          expect.stringContaining("No new information yet"),
        ],
        [
          "Identified",
          "23 Nov 2026, 13:25 UTC · Automatic: our estimate passed",
          expect.stringContaining("Our estimate of 13:00 UTC has passed"),
        ],
        ["Identified", "23 Nov 2026, 12:05 UTC · By the team", "A bad certificate; replacing it."],
        ["Investigating", "23 Nov 2026, 12:00 UTC · By the team", "Payments fail for some cards."],
      ]);

      const ledger = [
        ...page.html.matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><td class="[^"]*">(.*?)<\/td><\/tr>/g),
      ].map((m) => [m[1], m[2], m[3]].map(textOf));
      expect(ledger).toEqual([
        ["23 Nov 2026, 12:00 UTC", "13:00 UTC", "✕Missed by 3 hours"],
        ["23 Nov 2026, 13:25 UTC", "No estimate", "Replaced by an estimate"],
        ["23 Nov 2026, 15:35 UTC", "16:30 UTC", "✓Met, 30 minutes early"],
      ]);
    });

    it("Should answer an unknown incident with a 404 page", async () => {
      const res = await get(t, "/incidents/inc_doesnotexist0000");
      expect(res.status).toBe(404);
      expect(res.type).toContain("text/html");
      expect(res.text).toContain("Incident not found");
    });
  });

  describe("the 90-day history bars", () => {
    let t: TestApp;
    const ids: Record<string, string> = {};
    /** Declares at `start` and, given `end`, resolves then. */
    async function incident(name: string, start: string, end: string | null, body: Record<string, unknown>) {
      t.clock.now = new Date(start);
      ids[name] = (await t.declare({ title: `Incident ${name}`, ...body })).id;
      if (end) {
        t.clock.now = new Date(end);
        await t.postUpdate(ids[name], { status: "resolved", message: "Done." });
      }
    }
    beforeAll(async () => {
      t = await startTestApp(kind);
      await t.call("POST", "/api/v1/components", { slug: "api", name: "API" });
      await t.call("POST", "/api/v1/components", { slug: "web", name: "Website" });
      await t.call("POST", "/api/v1/components", { slug: "idle", name: "Idle" });
      await incident("old", "2026-08-20T10:00:00Z", "2026-08-20T11:00:00Z", { components: { api: "major_outage" } });
      await incident("straddle", "2026-08-25T23:00:00Z", "2026-08-27T01:00:00Z", {
        components: { web: "partial_outage" },
      });
      await incident("quiet", "2026-11-01T10:00:00Z", "2026-11-01T11:00:00Z", {
        impact: "none",
        components: { web: "operational" },
      });
      await incident("minor", "2026-11-20T09:00:00Z", "2026-11-20T10:00:00Z", {
        components: { api: "degraded_performance" },
      });
      await incident("critical", "2026-11-20T15:00:00Z", "2026-11-20T16:00:00Z", {
        components: { api: "major_outage", web: "degraded_performance" },
      });
      await incident("overnight", "2026-11-21T22:00:00Z", "2026-11-22T02:00:00Z", {
        components: { api: "partial_outage" },
      });
      await incident("open", "2026-11-23T08:00:00Z", null, { components: { web: "degraded_performance" } });
      t.clock.now = new Date("2026-11-23T12:00:00Z");
    });
    afterAll(() => t.close());

    it("Should give each component one focusable cell per day, coloured by that day's worst impact, with its incidents", async () => {
      const { html } = await get(t, "/");
      const labels = dayLabelsOf(html);
      expect(labels).toHaveLength(90);
      expect(labels[0]).toBe("26 Aug 2026");
      expect(labels[89]).toBe("23 Nov 2026 (today)");

      const at = (day: string) => dayIndex(day, "2026-11-23");
      const api = cellsOf(html, "API");
      const web = cellsOf(html, "Website");
      const idle = cellsOf(html, "Idle");
      for (const cells of [api, web, idle]) expect(cells).toHaveLength(90);
      expect(idle.every((c) => c.level === null && c.links.length === 0)).toBe(true);
      expect(html.match(/<td tabindex=0/g)).toHaveLength(270);

      const busy = (cells: Cell[]) =>
        Object.fromEntries(
          cells.flatMap((c, i) => (c.level === null ? [] : [[labels[i], [c.level, c.links.map((l) => l.title)]]])),
        );
      // Worst of the day wins (minor then critical on 20 Nov); an incident over midnight marks both days;
      // the one that started before the window shows from its first day; the one before that not at all.
      expect(busy(api)).toEqual({
        "20 Nov 2026": [3, ["Incident minor", "Incident critical"]],
        "21 Nov 2026": [2, ["Incident overnight"]],
        "22 Nov 2026": [2, ["Incident overnight"]],
      });
      expect(busy(web)).toEqual({
        "26 Aug 2026": [2, ["Incident straddle"]],
        "27 Aug 2026": [2, ["Incident straddle"]],
        "1 Nov 2026": [0, ["Incident quiet"]],
        "20 Nov 2026": [3, ["Incident critical"]],
        "23 Nov 2026 (today)": [1, ["Incident open"]],
      });
      expect(api[at("2026-11-20")].links.map((l) => l.id)).toEqual([ids.minor, ids.critical]);

      // The words behind each colour (the stylesheet gives the cell its name: day, then these).
      expect(html).toContain('.i3{--n:": Major outage"');
      expect(html).toContain('.i0{--n:": No impact"');
      expect(html).toContain('--n:": No incidents"');
    });

    it("Should put days in the page's time zone", async () => {
      const tokyo = await startTestApp(kind, { PAGE_TIMEZONE: "Asia/Tokyo" });
      try {
        await tokyo.call("POST", "/api/v1/components", { slug: "api", name: "API" });
        // 16:00 UTC on 20 Nov is 01:00 on 21 Nov in Tokyo.
        tokyo.clock.now = new Date("2026-11-20T16:00:00Z");
        const { id } = await tokyo.declare({ title: "Late night", components: { api: "partial_outage" } });
        tokyo.clock.now = new Date("2026-11-20T17:00:00Z");
        await tokyo.postUpdate(id, { status: "resolved", message: "Done." });
        tokyo.clock.now = new Date("2026-11-23T12:00:00Z");
        const { html, text } = await get(tokyo, "/");
        const labels = dayLabelsOf(html);
        expect(labels[89]).toBe("23 Nov 2026 (today)");
        const api = cellsOf(html, "API");
        expect(api.flatMap((c, i) => (c.level === null ? [] : [labels[i]]))).toEqual(["21 Nov 2026"]);
        expect(text).toContain("(days in Asia/Tokyo)");
      } finally {
        await tokyo.close();
      }
    });
  });

  describe("/history", () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind);
      // 30 incidents three days apart from 1 Aug, each 90 minutes long, then one still open.
      for (let i = 0; i < 30; i++) {
        t.clock.now = new Date(Date.parse("2026-08-01T10:00:00Z") + i * 3 * dayMs);
        const { id } = await t.declare({ title: `History ${i}`, impact: i % 2 ? "major" : "minor" });
        t.clock.advance(minutes(90));
        await t.postUpdate(id, { status: "resolved", message: "Done." });
      }
      t.clock.now = new Date("2026-11-23T10:00:00Z");
      await t.declare({ title: "Still going", impact: "critical" });
      t.clock.now = new Date("2026-11-23T12:05:00Z");
    });
    afterAll(() => t.close());

    /** Month headings and the titles under each. */
    const monthsOf = (html: string) =>
      [...html.matchAll(/<h2 id="m-[\d-]+">([^<]*)<\/h2>([\s\S]*?)<\/section>/g)].map((m) => [
        m[1],
        [...m[2].matchAll(/<a href="\/incidents\/[^"]+">([^<]*)<\/a>/g)].map((a) => a[1]),
      ]);

    it("Should group incidents by month, newest first, 25 to a page", async () => {
      const first = await get(t, "/history");
      expect(first.status).toBe(200);
      expect(monthsOf(first.html)).toEqual([
        ["November 2026", ["Still going"]],
        [
          "October 2026",
          [
            "History 29",
            "History 28",
            "History 27",
            "History 26",
            "History 25",
            "History 24",
            "History 23",
            "History 22",
            "History 21",
          ],
        ],
        [
          "September 2026",
          [
            "History 20",
            "History 19",
            "History 18",
            "History 17",
            "History 16",
            "History 15",
            "History 14",
            "History 13",
            "History 12",
            "History 11",
          ],
        ],
        ["August 2026", ["History 10", "History 9", "History 8", "History 7", "History 6"]],
      ]);
      expect(first.text).toContain(
        "History 29 ◆Partial outage · 27 Oct 2026, 10:00 UTC to 11:30 UTC · lasted 1 h 30 min",
      );
      expect(first.text).toContain("History 28 ▲Minor impact · 24 Oct 2026, 10:00 UTC");
      expect(first.text).toContain("Still going ✕Major outage · 23 Nov 2026, 10:00 UTC · ongoing for 2 h 5 min");
      expect(first.html).toContain('<a href="/history?page&#x3D;2" rel="next">Older incidents →</a>');
      expect(first.html).not.toContain('rel="prev"');

      const second = await get(t, "/history?page=2");
      expect(second.status).toBe(200);
      expect(monthsOf(second.html)).toEqual([
        ["August 2026 (continued)", ["History 5", "History 4", "History 3", "History 2", "History 1", "History 0"]],
      ]);
      expect(second.html).toContain('<a href="/history" rel="prev">← Newer incidents</a>');
      expect(second.html).not.toContain('rel="next"');
      expect(second.html).toContain("<title>Incident history, page 2 · Status</title>");
    });

    it("Should refuse a bad page parameter with a 400 naming it, and a page past the end with a 404", async () => {
      for (const bad of ["abc", "0", "-1", "1.5", "", "10000", "2&page=3", "%00"]) {
        const res = await get(t, `/history?page=${bad}`);
        expect(res.status, bad).toBe(400);
        expect(res.text, bad).toMatch(/page: /);
      }
      const past = await get(t, "/history?page=3");
      expect(past.status).toBe(404);
      expect(past.text).toContain("page: there are no incidents on page 3.");
    });
  });

  describe("/history with past maintenance", () => {
    let t: TestApp;
    const ids: Record<string, string> = {};
    const at = (iso: string) => {
      t.clock.now = new Date(iso);
    };
    const close = async (id: string, how: "complete" | "cancel") => {
      const res = await t.call("POST", `/api/v1/maintenances/${id}/${how}`, {});
      expect(res.status, res.text).toBe(200);
    };
    beforeAll(async () => {
      // channels: [] builds the engine, driven by hand, which starts the work.
      t = await startTestApp(kind, { channels: [] });
      await t.call("POST", "/api/v1/components", { slug: "db", name: "Database" });
      const schedule = (title: string, starts: string, ends: string) =>
        t.scheduleMaintenance({ title, starts_at: starts, ends_at: ends });

      at("2026-08-31T12:00:00Z");
      ids.e = await schedule("Called off E", "2026-09-01T02:00:00Z", "2026-09-01T03:00:00Z");
      at("2026-08-31T12:10:00Z");
      await close(ids.e, "cancel");
      // 22 incidents two days apart from 1 Sep, each 90 minutes long, with maintenance between them.
      for (let i = 0; i < 22; i++) {
        if (i === 2) {
          at("2026-09-04T12:00:00Z");
          ids.a = await schedule("Planned work A", "2026-09-05T02:00:00Z", "2026-09-05T04:00:00Z");
          at("2026-09-05T02:10:00Z");
          const blip = await t.declare({ title: "Quick blip" });
          at("2026-09-05T02:20:00Z");
          await t.postUpdate(blip.id, { status: "resolved", message: "Gone." });
          // The engine was half an hour late: the work began at 02:30, and history goes by that.
          at("2026-09-05T02:30:00Z");
          expect(await (t.engine as Engine).tick()).toBe(1);
          at("2026-09-05T04:00:00Z");
          await close(ids.a, "complete");
        }
        if (i === 5) {
          at("2026-09-10T12:00:00Z");
          ids.b = await schedule("Called off B", "2026-09-14T02:00:00Z", "2026-09-14T03:00:00Z");
          at("2026-09-10T12:10:00Z");
          await close(ids.b, "cancel");
        }
        if (i === 16) {
          at("2026-10-02T12:00:00Z");
          ids.c = await schedule("Planned work C", "2026-10-03T01:00:00Z", "2026-10-03T02:00:00Z");
          at("2026-10-03T01:00:00Z");
          expect(await (t.engine as Engine).tick()).toBe(1);
          at("2026-10-03T01:45:00Z");
          await close(ids.c, "complete");
        }
        t.clock.now = new Date(Date.parse("2026-09-01T10:00:00Z") + i * 2 * dayMs);
        const { id } = await t.declare({ title: `History ${i}`, impact: "minor" });
        t.clock.advance(minutes(90));
        await t.postUpdate(id, { status: "resolved", message: "Done." });
      }
      // Open work: one under way, one still to come. Neither is history yet.
      at("2026-10-20T12:00:00Z");
      await schedule("Under way now", "2026-10-20T14:00:00Z", "2026-10-20T16:00:00Z");
      await schedule("Still planned", "2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z");
      at("2026-10-20T14:00:00Z");
      expect(await (t.engine as Engine).tick()).toBe(1);
      at("2026-10-20T15:00:00Z");
    });
    afterAll(() => t.close());

    /** Titles only, per month. */
    const titlesOf = (html: string) =>
      historyOf(html).map(([month, entries]) => [month, entries.map((e) => e.split(/ [◷▲◆✕○]/)[0])]);
    const history = (n: number) => Array.from({ length: n }, (_, i) => `History ${i}`);

    it("Should list completed and cancelled maintenance among the incidents by start, 25 to a page, and leave open work out", async () => {
      const first = await get(t, "/history");
      expect(first.status).toBe(200);
      expect(titlesOf(first.html)).toEqual([
        ["October 2026", [...history(22).slice(16).reverse(), "Planned work C", "History 15"]],
        [
          "September 2026",
          [
            ...history(15).slice(7).reverse(),
            "Called off B",
            ...history(7).slice(3).reverse(),
            "History 2",
            // Started 02:30, after the blip at 02:10, though planned for 02:00.
            "Planned work A",
            "Quick blip",
            "History 1",
          ],
        ],
      ]);
      expect(first.text).not.toMatch(/Under way now|Still planned/);
      const [october, september] = historyOf(first.html);
      const line = (month: typeof october, title: string) => month[1].find((e) => e.startsWith(`${title} `));
      expect(line(october, "Planned work C")).toBe(
        "Planned work C ◷Maintenance completed · 3 Oct 2026, 01:00 UTC to 01:45 UTC · took 45 min · planned for 01:00 UTC to 02:00 UTC",
      );
      expect(line(september, "Planned work A")).toBe(
        "Planned work A ◷Maintenance completed · 5 Sept 2026, 02:30 UTC to 04:00 UTC · took 1 h 30 min · planned for 02:00 UTC to 04:00 UTC",
      );
      expect(line(september, "Called off B")).toBe(
        "Called off B ◷Maintenance cancelled · planned for 14 Sept 2026, 02:00 UTC to 03:00 UTC · did not take place",
      );
      expect(line(september, "Quick blip")).toBe(
        "Quick blip ▲Minor impact · 5 Sept 2026, 02:10 UTC to 02:20 UTC · lasted 10 min",
      );
      expect(first.html).toContain('<a href="/history?page&#x3D;2" rel="next">Older incidents →</a>');

      // 27 in all: the last two, one of them maintenance, go on from September.
      const second = await get(t, "/history?page=2");
      expect(second.status).toBe(200);
      expect(historyOf(second.html)).toEqual([
        [
          "September 2026 (continued)",
          [
            "History 0 ▲Minor impact · 1 Sept 2026, 10:00 UTC to 11:30 UTC · lasted 1 h 30 min",
            "Called off E ◷Maintenance cancelled · planned for 1 Sept 2026, 02:00 UTC to 03:00 UTC · did not take place",
          ],
        ],
      ]);
      expect(second.html).toContain(`<a href="/incidents/${ids.e}">Called off E</a>`);
      expect(second.html).toContain('<a href="/history" rel="prev">← Newer incidents</a>');
      expect(second.html).not.toContain('rel="next"');
      expect((await get(t, "/history?page=3")).status).toBe(404);
    });

    it("Should keep maintenance out of the 90-day bars", async () => {
      const home = await get(t, "/");
      // A and C held Database within the last 90 days, and one holds it now: planned work colours no day.
      const links = cellsOf(home.html, "Database").flatMap((c) => c.links);
      expect(links).toEqual([]);
      expect(home.text).toContain("Under way now");
    });
  });

  describe("size and escaping", () => {
    // A page each: the size test counts the cells of exactly its 10 components.
    let t: TestApp;
    beforeEach(async () => {
      t = await startTestApp(kind);
    });
    afterEach(() => t.close());

    it("Should stay well under 50 KB of HTML for / with 10 components and an incident every day for 90 days", async () => {
      const groups = ["Core", "Core", "Core", "Web", "Web", "Web", "Data", "Data", null, null];
      for (let i = 0; i < 10; i++) {
        const res = await t.call("POST", "/api/v1/components", {
          slug: `c${i}`,
          name: `Component ${i}`,
          group: groups[i],
        });
        expect(res.status).toBe(201);
      }
      const levels = ["degraded_performance", "partial_outage", "major_outage"];
      for (let d = 89; d >= 0; d--) {
        t.clock.now = new Date(Date.parse("2026-11-23T09:00:00Z") - d * dayMs);
        const { id } = await t.declare({
          title: `Elevated error rates on checkout, day ${d}`,
          components: { [`c${d % 10}`]: levels[d % 3] },
        });
        t.clock.advance(hours(2));
        await t.postUpdate(id, {
          status: "resolved",
          message: "Fixed.",
          components: { [`c${d % 10}`]: "operational" },
        });
      }
      t.clock.now = new Date("2026-11-23T12:00:00Z");
      await t.declare({
        title: "Elevated error rates on the API",
        components: { c0: "major_outage" },
        eta: t.clock.in(hours(1)),
      });

      const { html } = await get(t, "/");
      const bytes = new TextEncoder().encode(html).length;
      expect(html.match(/<td tabindex=0/g)).toHaveLength(900);
      expect(html.match(/<td tabindex=0 class=i\d>/g)?.length).toBeGreaterThanOrEqual(90);
      expect(bytes).toBeLessThan(42_000);
    });

    it("Should show titles, messages and names as text, never as markup", async () => {
      const comp = await t.call("POST", "/api/v1/components", { slug: "evil", name: nasty, group: nasty });
      expect(comp.status, comp.text).toBe(201);
      t.clock.now = new Date("2026-11-23T12:30:00Z");
      const { id } = await t.declare({ title: nasty, message: nasty, components: { evil: "partial_outage" } });
      t.clock.advance(minutes(10));
      await t.postUpdate(id, { message: `Still: ${nasty}` });

      for (const path of ["/", `/incidents/${id}`, "/history"]) {
        const { html } = await get(t, path);
        expect(html, path).not.toContain("<script>alert(1)");
        expect(html, path).not.toContain("<b>tags</b>");
        expect(html, path).toContain(nastyEscaped);
        // Our own small script is the only one, and it holds no data.
        expect(html.match(/<script/g), path).toHaveLength(1);
      }
      const home = await get(t, "/");
      expect(home.html).toContain(`<caption>${nastyEscaped}</caption>`);
      expect(home.html).toContain(`<th scope="row"><span>${nastyEscaped}</span>`);
      expect(home.html).toContain(`<a href="/incidents/${id}">${nastyEscaped}</a>`);
      expect(home.html).toContain(`<p class="msg">Still: ${nastyEscaped}</p>`);
      const page = await get(t, `/incidents/${id}`);
      expect(page.html).toContain(`<title>${nastyEscaped} · Status</title>`);
      expect(page.html).toContain(`<li>${nastyEscaped}: <span class="st s-partial_outage">`);
    });
  });

  describe("scheduled maintenance", () => {
    // One maintenance's life in steps; each test replays the steps before its own on a page of its own.
    let t: TestApp;
    /** The window as the announcement's promise words it. */
    const window = describeWindow(new Date("2026-11-24T02:00:00Z"), new Date("2026-11-24T04:00:00Z"), "UTC");
    beforeEach(async () => {
      // channels: [] builds the engine, driven by hand, which starts the work at starts_at.
      t = await startTestApp(kind, { channels: [] });
      await t.call("POST", "/api/v1/components", { slug: "api", name: "API", position: 1 });
      await t.call("POST", "/api/v1/components", { slug: "db", name: "Database", position: 2 });
    });
    afterEach(() => t.close());

    const schedule = (body: Record<string, unknown>) => t.scheduleMaintenance(body);
    async function tickAt(iso: string) {
      t.clock.now = new Date(iso);
      return (t.engine as Engine).tick();
    }
    /**
     * The steps before each test's own, in order: announced at 12:00 on 23 Nov for 02:00-04:00 the
     * next day; reminded at 01:00 and started at 02:00 by the engine; past its end at 04:20, where the
     * engine apologises; completed at 04:30. Returns the maintenance's id after the last step asked for.
     */
    async function maintenanceUntil(last: "announced" | "started" | "overran" | "completed") {
      const id = await schedule({});
      if (last === "announced") return id;
      expect(await tickAt("2026-11-24T01:00:00Z")).toBe(1);
      expect(await tickAt("2026-11-24T02:00:00Z")).toBe(1);
      if (last === "started") return id;
      expect(await tickAt("2026-11-24T04:20:00Z")).toBe(1);
      if (last === "overran") return id;
      t.clock.now = new Date("2026-11-24T04:30:00Z");
      const res = await t.call("POST", `/api/v1/maintenances/${id}/complete`, { message: "All done." });
      expect(res.status, res.text).toBe(200);
      return id;
    }
    /** The maintenance section of `/`, as read; "" when there is none. */
    const maintenanceOf = (html: string) =>
      textOf(/<section aria-labelledby="maintenance">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "");
    /** Each update on an incident page: status, then time and kind. */
    const timelineOf = (html: string) =>
      [...html.matchAll(/<li>\s*<h3>([^<]*)<\/h3>\s*<p class="muted">([\s\S]*?)<\/p>/g)].map((m) => [
        m[1],
        textOf(m[2]),
      ]);
    const rowStatus = (html: string, name: string) =>
      new RegExp(`<th scope="row"><span>${name}</span><span class="st s-(\\w+)">`).exec(html)?.[1];

    it("Should show a scheduled maintenance as upcoming on /, with its window, and leave the banner alone", async () => {
      // 12:00 UTC on 23 Nov; the work is tomorrow 02:00 to 04:00.
      const id = await schedule({});
      const home = await get(t, "/");
      expect(bannerOf(home.html)).toBe("All Systems Operational");
      expect(home.text).toContain("No active incidents · as of");
      expect(home.html).not.toContain('id="active"');
      expect(home.html).not.toContain('href="#maintenance"');
      expect(maintenanceOf(home.html)).toBe(
        "Maintenance Database upgrade ◷Scheduled maintenance · 24 Nov 2026, 02:00 UTC to 04:00 UTC Affects: Database " +
          "We are upgrading the database. " +
          `Planned for ${window}. We will post here when the work starts and when it is done. ` +
          "By the team: announced · 12:00 UTC " +
          "Add to calendar (iCal: a subscribed calendar follows every move and cancellation)",
      );
      expect(home.html).toContain(`<a href="/incidents/${id}">Database upgrade</a>`);
      // The window is in <time> elements, so the viewer's-zone script rewrites it too.
      expect(home.html).toContain(
        '<time datetime="2026-11-24T02:00:00.000Z" data-date>24 Nov 2026, 02:00 UTC</time> to <time datetime="2026-11-24T04:00:00.000Z">04:00 UTC</time>',
      );
      expect(rowStatus(home.html, "Database")).toBe("operational");
      // Work still to come is on / only: history is for what is over.
      expect((await get(t, "/history")).text).toContain("No incidents so far.");

      const page = await get(t, `/incidents/${id}`);
      expect(page.status).toBe(200);
      expect(page.html).toContain('<h1 id="title">Database upgrade</h1>');
      expect(page.text).toContain(
        "◷Maintenance · Scheduled maintenance Planned for 24 Nov 2026, 02:00 UTC to 04:00 UTC. The work has not started yet.",
      );
      expect(page.text).not.toMatch(/Next update|estimate/);
      expect(timelineOf(page.html)).toEqual([
        ["Scheduled maintenance", "23 Nov 2026, 12:00 UTC · By the team: announced"],
      ]);
      expect(page.text).toContain(`We are upgrading the database. Planned for ${window}. We will post here`);
    });

    it("Should turn it active when the engine starts it: the component under maintenance, the banner Under Maintenance", async () => {
      const id = await maintenanceUntil("announced");
      expect(await tickAt("2026-11-24T01:00:00Z")).toBe(1);
      let home = await get(t, "/");
      expect(bannerOf(home.html)).toBe("All Systems Operational");
      expect(maintenanceOf(home.html)).toContain(
        "Reminder: this maintenance starts at 24 Nov 2026, 02:00 UTC, in 1 hour",
      );
      expect(maintenanceOf(home.html)).toContain("Automatic: reminder · 01:00 UTC");

      expect(await tickAt("2026-11-24T02:00:00Z")).toBe(1);
      home = await get(t, "/");
      expect(bannerOf(home.html)).toBe("Under Maintenance");
      expect(home.html).toContain('<section class="card banner s-under_maintenance"');
      expect(home.text).toContain("No active incidents · 1 maintenance in progress · as of");
      expect(home.html).toContain('<a href="#maintenance">1 maintenance in progress</a>');
      expect(rowStatus(home.html, "Database")).toBe("under_maintenance");
      expect(rowStatus(home.html, "API")).toBe("operational");
      const card = maintenanceOf(home.html);
      expect(card).toContain("Database upgrade ◷Maintenance in progress · 24 Nov 2026, 02:00 UTC to 04:00 UTC");
      expect(card).toContain("The scheduled maintenance has started.");
      expect(card).toContain("We expect to finish by 04:00 UTC.");
      expect(card).toContain("Automatic: the work started · 02:00 UTC");
      expect(card).not.toContain("past its planned end");

      t.clock.now = new Date("2026-11-24T03:00:00Z");
      const page = await get(t, `/incidents/${id}`);
      expect(page.text).toContain(
        "◷Maintenance · Maintenance in progress Planned for 24 Nov 2026, 02:00 UTC to 04:00 UTC. Started 24 Nov 2026, 02:00 UTC, ongoing for 1 h. We expect to finish by 04:00 UTC.",
      );
      expect(timelineOf(page.html)).toEqual([
        ["Maintenance in progress", "24 Nov 2026, 02:00 UTC · Automatic: the work started"],
        ["Scheduled maintenance", "24 Nov 2026, 01:00 UTC · Automatic: reminder"],
        ["Scheduled maintenance", "23 Nov 2026, 12:00 UTC · By the team: announced"],
      ]);
      expect(page.text).toContain("Affected components Database: ◷Under maintenance");
      expect((await get(t, "/history")).text).toContain("No incidents so far.");
    });

    it("Should say plainly when the work runs past its planned end, before and after the engine's apology", async () => {
      const id = await maintenanceUntil("started");
      t.clock.now = new Date("2026-11-24T04:20:00Z");
      let card = maintenanceOf((await get(t, "/")).html);
      expect(card).toContain("This work is running past its planned end of 04:00 UTC, by 20 minutes so far.");
      // The promise that named the passed end is not repeated beside it.
      expect(card).not.toContain("We expect to finish by");

      expect(await (t.engine as Engine).tick()).toBe(1);
      card = maintenanceOf((await get(t, "/")).html);
      expect(card).toContain("This work is running past its planned end of 04:00 UTC, by 20 minutes so far.");
      expect(card).toContain("We don't have a new finish time yet.");
      expect(card).toContain("Next update by 04:50 UTC.");
      expect(card).toContain("Automatic: past its planned end · 04:20 UTC");

      const page = await get(t, `/incidents/${id}`);
      expect(page.text).toContain("This work is running past its planned end of 04:00 UTC, by 20 minutes so far.");
      expect(timelineOf(page.html)[0]).toEqual([
        "Maintenance in progress",
        "24 Nov 2026, 04:20 UTC · Automatic: past its planned end",
      ]);
      expect(page.text).toContain("Our planned end, and how it turned out");
    });

    it("Should drop it from / once completed, keep it out of the bars, list it on /history, and show it completed on its page", async () => {
      const id = await maintenanceUntil("overran");
      t.clock.now = new Date("2026-11-24T04:30:00Z");
      const res = await t.call("POST", `/api/v1/maintenances/${id}/complete`, { message: "All done." });
      expect(res.status, res.text).toBe(200);
      const home = await get(t, "/");
      expect(home.html).not.toContain('id="maintenance"');
      expect(bannerOf(home.html)).toBe("All Systems Operational");
      expect(rowStatus(home.html, "Database")).toBe("operational");
      // Planned work is not an outage: no day of the bars names it.
      expect(cellsOf(home.html, "Database").every((c) => c.level === null && c.links.length === 0)).toBe(true);
      const history = await get(t, "/history");
      expect(historyOf(history.html)).toEqual([
        [
          "November 2026",
          [
            "Database upgrade ◷Maintenance completed · 24 Nov 2026, 02:00 UTC to 04:30 UTC · took 2 h 30 min · " +
              "planned for 02:00 UTC to 04:00 UTC",
          ],
        ],
      ]);
      expect(history.html).toContain(`<a href="/incidents/${id}">Database upgrade</a>`);
      expect(history.html).toContain(
        '<span class="st s-under_maintenance"><span class="ic" aria-hidden="true">◷</span>Maintenance completed</span>',
      );

      const page = await get(t, `/incidents/${id}`);
      expect(page.text).toContain(
        "◷Maintenance · Maintenance completed Planned for 24 Nov 2026, 02:00 UTC to 04:00 UTC. Started 24 Nov 2026, 02:00 UTC, completed 04:30 UTC (lasted 2 h 30 min).",
      );
      expect(timelineOf(page.html)[0]).toEqual(["Maintenance completed", "24 Nov 2026, 04:30 UTC · By the team"]);
      expect(page.text).toContain("All done. Completed after 2 hours 30 minutes.");
      expect(page.text).not.toContain("running past");
    });

    it("Should show a cancelled one as cancelled on its page and nowhere on /", async () => {
      await maintenanceUntil("completed");
      const cancelled = await schedule({
        title: "Network work",
        starts_at: "2026-11-25T02:00:00Z",
        ends_at: "2026-11-25T03:00:00Z",
      });
      expect(maintenanceOf((await get(t, "/")).html)).toContain("Network work ◷Scheduled maintenance");
      t.clock.advance(minutes(10));
      const res = await t.call("POST", `/api/v1/maintenances/${cancelled}/cancel`, {
        message: "Not needed after all.",
      });
      expect(res.status, res.text).toBe(200);
      expect((await get(t, "/")).html).not.toContain('id="maintenance"');
      const page = await get(t, `/incidents/${cancelled}`);
      expect(page.text).toContain(
        "◷Maintenance · Maintenance cancelled Planned for 25 Nov 2026, 02:00 UTC to 03:00 UTC. Cancelled 24 Nov 2026, 04:40 UTC; the work did not take place.",
      );
      expect(timelineOf(page.html)[0]).toEqual(["Maintenance cancelled", "24 Nov 2026, 04:40 UTC · By the team"]);
      expect(page.text).toContain("will not take place; service is not affected.");

      // In history by its planned start, so before the work that ran on the 24th.
      const history = await get(t, "/history");
      expect(historyOf(history.html)).toEqual([
        [
          "November 2026",
          [
            "Network work ◷Maintenance cancelled · planned for 25 Nov 2026, 02:00 UTC to 03:00 UTC · did not take place",
            "Database upgrade ◷Maintenance completed · 24 Nov 2026, 02:00 UTC to 04:30 UTC · took 2 h 30 min · " +
              "planned for 02:00 UTC to 04:00 UTC",
          ],
        ],
      ]);
      expect(history.html).toContain(`<a href="/incidents/${cancelled}">Network work</a>`);
    });

    it("Should show a maintenance's title and message as text, never as markup", async () => {
      const evil = await schedule({
        title: nasty,
        message: nasty,
        starts_at: "2026-11-26T02:00:00Z",
        ends_at: "2026-11-26T03:00:00Z",
      });
      for (const path of ["/", `/incidents/${evil}`]) {
        const { html } = await get(t, path);
        expect(html, path).not.toContain("<script>alert(1)");
        expect(html, path).not.toContain("<b>tags</b>");
        expect(html, path).toContain(nastyEscaped);
        expect(html.match(/<script/g), path).toHaveLength(1);
      }
      const home = await get(t, "/");
      expect(home.html).toContain(`<a href="/incidents/${evil}">${nastyEscaped}</a>`);
      expect(home.html).toContain(`<p class="msg">${nastyEscaped}</p>`);
      expect((await get(t, "/history")).html).not.toContain(nastyEscaped);

      // Once called off it is in history, still as text.
      const res = await t.call("POST", `/api/v1/maintenances/${evil}/cancel`, { message: nasty });
      expect(res.status, res.text).toBe(200);
      const history = await get(t, "/history");
      expect(history.html).not.toContain("<script>alert(1)");
      expect(history.html).not.toContain("<b>tags</b>");
      expect(history.html.match(/<script/g)).toHaveLength(1);
      expect(history.html).toContain(`<a href="/incidents/${evil}">${nastyEscaped}</a>`);
      expect(historyOf(history.html)[0][1][0]).toBe(
        `${nasty} ◷Maintenance cancelled · planned for 26 Nov 2026, 02:00 UTC to 03:00 UTC · did not take place`,
      );
    });
  });

  describe("branding", () => {
    it("Should show the logo with the page name as its alt text, and keep links readable in the brand colour", async () => {
      const t = await startTestApp(kind, {
        PAGE_NAME: 'Acme "Cloud" & Co',
        PAGE_LOGO_URL: "https://cdn.example.com/logo.svg?v=1&x=2",
        PAGE_BRAND_COLOR: "#FFD700",
      });
      try {
        const { html } = await get(t, "/");
        expect(html).toContain(
          '<h1><a class="home" href="/"><img src="https://cdn.example.com/logo.svg?v&#x3D;1&amp;x&#x3D;2" alt="Acme &quot;Cloud&quot; &amp; Co"></a></h1>',
        );
        const style =
          /<style>:root\{--brand:(#[0-9a-f]{6});--link:(#[0-9a-f]{6}) \}@media \(prefers-color-scheme:dark\)\{:root\{--link:(#[0-9a-f]{6}) \} \}<\/style>/.exec(
            html,
          );
        expect(style?.[1]).toBe("#ffd700");
        // Gold on white is unreadable: the links are darkened for the light theme and kept for the dark one.
        expect(style?.[2]).not.toBe("#ffd700");
        expect(style?.[3]).toBe("#ffd700");
        const page = await get(t, "/history");
        expect(page.html).toContain('<p class="home-wrap"><a class="home" href="/"><img');
      } finally {
        await t.close();
      }
    });
  });
});

describe("page helpers and settings", () => {
  /** WCAG contrast between two #rrggbb colours. */
  function contrast(a: string, b: string): number {
    const lum = (hex: string) => {
      const [r, g, bl] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
      const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
    };
    const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m);
    return (x + 0.05) / (y + 0.05);
  }

  it("Should mix any brand colour until links reach AA contrast on both themes' backgrounds", () => {
    for (const brand of ["#ffd700", "#00ff00", "#000080", "#2f6fb3", "#777", "#fff", "#000"]) {
      const light = readableOn(brand, ["#ffffff", "#f6f8fa"], "#000000");
      const dark = readableOn(brand, ["#0d1117", "#151b23"], "#ffffff");
      for (const bg of ["#ffffff", "#f6f8fa"])
        expect(contrast(light, bg), `${brand} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      for (const bg of ["#0d1117", "#151b23"])
        expect(contrast(dark, bg), `${brand} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(readableOn("#1a4d8f", ["#ffffff"], "#000000")).toBe("#1a4d8f");
  });

  it("Should word durations compactly, rounding down", () => {
    expect(shortDuration(0)).toBe("under a minute");
    expect(shortDuration(minutes(45) + 59_000)).toBe("45 min");
    expect(shortDuration(hours(2) + minutes(5))).toBe("2 h 5 min");
    expect(shortDuration(hours(3))).toBe("3 h");
    expect(shortDuration(3 * dayMs + hours(4) + minutes(10))).toBe("3 d 4 h");
  });

  it("Should refuse a bad PAGE_LOGO_URL or PAGE_BRAND_COLOR with a message naming it", () => {
    const error = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error("no error");
    };
    expect(error({ PAGE_LOGO_URL: "javascript:alert(1)" })).toMatch(/^Invalid environment variable PAGE_LOGO_URL: /);
    expect(error({ PAGE_LOGO_URL: "logo.png" })).toMatch(/^Invalid environment variable PAGE_LOGO_URL: /);
    for (const bad of ["blue", "#12345", "#ggg", "ffffff", "#1234567"])
      expect(error({ PAGE_BRAND_COLOR: bad })).toBe(
        "Invalid environment variable PAGE_BRAND_COLOR: must be a colour written #rgb or #rrggbb, such as #2f6fb3",
      );
    expect(loadConfig({ PAGE_BRAND_COLOR: "#ABC", PAGE_LOGO_URL: "https://x.example/l.png" })).toMatchObject({
      pageBrandColor: "#abc",
      pageLogoUrl: "https://x.example/l.png",
    });
    expect(loadConfig({}).pageBrandColor).toBeUndefined();
  });

  it("Should render maintenance through its partial when the list has any, and nothing when empty", () => {
    const at = (iso: string, text: string) => ({ iso, text, withDate: true });
    const base = {
      pageName: "Status",
      chrome: { pageName: "Status", timeZone: "UTC", isHome: true, current: "home" },
      overall: { label: "Under Maintenance", cls: "s-under_maintenance", icon: "◷", detail: "", asOf: at("", "") },
      incidents: [],
      groups: [],
      dayRules: [],
      range: {},
    };
    expect(render("pages/home", { ...base, maintenances: [] })).not.toContain('id="maintenance"');
    const html = render("pages/home", {
      ...base,
      maintenances: [
        {
          id: "mnt_1",
          title: nasty,
          statusLabel: "Maintenance in progress",
          mark: { label: "Maintenance", cls: "s-under_maintenance", icon: "◷" },
          starts: at("2026-11-24T02:00:00.000Z", "24 Nov 2026, 02:00 UTC"),
          ends: at("2026-11-24T04:00:00.000Z", "24 Nov 2026, 04:00 UTC"),
          components: ["API", "Database"],
          latest: {
            message: "Database upgrade.",
            promise: "We expect to finish by 04:00 UTC.",
            kind: "By the team",
            at: at("2026-11-24T02:00:00.000Z", "02:00 UTC"),
          },
          overrun: null,
        },
      ],
      moreMaintenances: true,
    });
    expect(textOf(html)).toContain(
      `Maintenance ${nasty} ◷Maintenance in progress · 24 Nov 2026, 02:00 UTC to 24 Nov 2026, 04:00 UTC Affects: API, Database Database upgrade. We expect to finish by 04:00 UTC. By the team · 02:00 UTC More maintenance is planned`,
    );
    expect(html).toContain('<a href="/api/v2/scheduled-maintenances/upcoming.json">');
    expect(html).not.toContain("<script>alert(1)");
  });
});
