// The status badges: /badge.svg and /components/{slug}/badge.svg, their
// words and colours, escaping, the label override, caching (ETag, 304, a
// write shows at once), CORS, the 404, the embed snippet on /, and the last
// render served while the database is down.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { databaseHealth } from "../../src/db/health.ts";
import { componentStatuses } from "../../src/domain/components.ts";
import { badgeColors, badgeWords } from "../../src/render/badge.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { manualTimers } from "../support/outage.ts";
import { minutes } from "../support/time.ts";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  htmlEntities: true,
});

/** A badge as a reader sees it: its label, its word and its colour (and the response). */
async function badge(app: TestApp["app"], path: string, headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers });
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
  const xml = await res.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const svg = parser.parse(xml).svg;
  return {
    res,
    xml,
    label: svg.g[1].text[1]["#text"] as string,
    word: svg.g[1].text[3]["#text"] as string,
    color: svg.g[0].rect[1]["@fill"] as string,
    aria: svg["@aria-label"] as string,
  };
}

describe.each(databaseKinds)("status badges on %s", (kind) => {
  let t: TestApp;
  let closed = false;
  afterEach(async () => {
    if (!closed) await t.close();
    closed = false;
  });

  const start = async () => {
    t = await startTestApp(kind, { PAGE_NAME: "Acme" });
    expect((await t.call("POST", "/api/v1/components", { slug: "api", name: "API" })).status).toBe(201);
    expect((await t.call("POST", "/api/v1/components", { slug: "web", name: "Website" })).status).toBe(201);
  };

  it("Should show each status in the page's words and colours, for the page and for one component", async () => {
    await start();
    expect(await badge(t.app, "/badge.svg")).toMatchObject({
      label: "Acme",
      word: "operational",
      color: badgeColors.operational,
      aria: "Acme: operational",
    });
    for (const status of componentStatuses) {
      expect((await t.call("PATCH", "/api/v1/components/api", { status })).status).toBe(200);
      const words = { word: badgeWords[status], color: badgeColors[status] };
      expect(await badge(t.app, "/components/api/badge.svg")).toMatchObject({ label: "API", ...words });
      // The page's overall status is the worst component's, as its banner says.
      expect(await badge(t.app, "/badge.svg")).toMatchObject({ label: "Acme", ...words });
      expect(await badge(t.app, "/components/web/badge.svg")).toMatchObject({ word: "operational" });
    }
    // An open incident makes the page no better than its impact, though no component says so.
    expect((await t.call("PATCH", "/api/v1/components/api", { status: "operational" })).status).toBe(200);
    await t.declare({ impact: "critical" });
    expect(await badge(t.app, "/badge.svg")).toMatchObject({ word: "major outage", color: badgeColors.major_outage });
  });

  it("Should escape a component's name and a label, and take a label of up to 40 characters", async () => {
    await start();
    const nasty = `<script>&"'`;
    await t.call("POST", "/api/v1/components", { slug: "nasty", name: nasty });
    const named = await badge(t.app, "/components/nasty/badge.svg");
    expect(named.xml).not.toContain("<script");
    expect(named.xml).toContain("&lt;script&gt;&amp;&quot;&apos;");
    expect(named).toMatchObject({ label: nasty, aria: `${nasty}: operational` });

    const label = await badge(t.app, `/badge.svg?label=${encodeURIComponent(nasty)}`);
    expect(label.xml).not.toContain("<script");
    expect(label.label).toBe(nasty);
    const forty = "é".repeat(40);
    expect((await badge(t.app, `/components/api/badge.svg?label=${encodeURIComponent(forty)}`)).label).toBe(forty);

    for (const [query, message] of [
      [`label=${"x".repeat(41)}`, "label: must be 1 to 40 characters long (got 41)"],
      ["label=", "label: must be 1 to 40 characters long (got 0)"],
      ["label=a&label=b", "label: give it once"],
    ]) {
      for (const path of ["/badge.svg", "/components/api/badge.svg"]) {
        const res = await t.call("GET", `${path}?${query}`, undefined, { token: null });
        expect(res.status, `${path}?${query}`).toBe(400);
        expect(res.json.error).toMatchObject({ code: "BAD_REQUEST", message, details: [{ field: "label" }] });
      }
    }
  });

  it("Should answer 304 to its ETag, be open to every origin, and change at once on a write", async () => {
    await start();
    const first = await badge(t.app, "/components/api/badge.svg", { origin: "https://github.com" });
    const etag = first.res.headers.get("etag") as string;
    expect(etag).toMatch(/^W\/"[0-9a-f]{24}"$/);
    expect(first.res.headers.get("access-control-allow-origin")).toBe("*");
    expect(first.res.headers.get("cache-control")).toBe(
      "public, max-age=10, stale-while-revalidate=60, stale-if-error=86400",
    );
    expect(first.res.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'");

    const hit = await badge(t.app, "/components/api/badge.svg");
    expect(hit.res.headers.get("etag")).toBe(etag);
    expect(hit.res.headers.get("access-control-allow-origin")).toBe("*");
    const notModified = await t.app.request("/components/api/badge.svg", { headers: { "if-none-match": etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("access-control-allow-origin")).toBe("*");

    expect((await t.call("PATCH", "/api/v1/components/api", { status: "partial_outage" })).status).toBe(200);
    const after = await t.app.request("/components/api/badge.svg", { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain("partial outage");
  });

  it("Should answer the app's JSON 404, open to every origin, for an unknown or deleted component", async () => {
    await start();
    expect((await t.call("DELETE", "/api/v1/components/web")).status).toBe(204);
    for (const slug of ["nothing", "web"]) {
      const res = await t.app.request(`/components/${slug}/badge.svg`);
      expect(res.status).toBe(404);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error).toMatchObject({ code: "NOT_FOUND", message: `component ${slug} was not found` });
    }
  });

  it("Should show how to embed the overall badge on the status page", async () => {
    await start();
    const res = await t.app.request("/");
    const html = await res.text();
    expect(html).toContain('<details id="badge"><summary>Embed a badge</summary>');
    // Lazy: a closed <details> costs readers of the page no request.
    expect(html).toContain('<img src="/badge.svg" alt="Acme status" loading="lazy">');
    expect(html).toContain("<code>[![Acme status](http://status.test/badge.svg)](http://status.test)</code>");
    expect(html).toContain(
      "<code>&lt;a href&#x3D;&quot;http://status.test&quot;&gt;&lt;img src&#x3D;&quot;http://status.test/badge.svg&quot; alt&#x3D;&quot;Acme status&quot;&gt;&lt;/a&gt;</code>",
    );
  });

  it("Should serve the last render while the database is down", async () => {
    await start();
    expect((await t.call("PATCH", "/api/v1/components/api", { status: "major_outage" })).status).toBe(200);
    const timers = manualTimers();
    const health = databaseHealth({ probe: () => Promise.reject(new Error("down")), schedule: timers.schedule });
    const app = createApp({ db: t.db, config: t.config, clock: t.clock.read, dbHealth: health });
    const before = await badge(app, "/components/api/badge.svg");
    expect((await badge(app, "/badge.svg")).word).toBe("major outage");
    health.markDown();
    t.clock.advance(minutes(2)); // a fresh render would be due
    await t.close(); // the database is gone
    closed = true;
    const during = await badge(app, "/components/api/badge.svg");
    expect(during.word).toBe("major outage");
    expect(during.xml).toBe(before.xml);
    expect((await badge(app, "/badge.svg")).word).toBe("major outage");
  });
});
