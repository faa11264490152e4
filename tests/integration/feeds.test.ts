import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Engine } from "../../src/delivery/engine.ts";
import { rfc822Date, rfc3339Date, xmlText } from "../../src/domain/feeds.ts";
import { feedLinks, feeds } from "../../src/render/feeds/links.ts";
import { describeWindow } from "../../src/render/window.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { minutes } from "../support/time.ts";

const xss = `<script>alert(1)</script> "quotes" & <b>tags</b>`;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  // Decodes numeric character references (&#x27;) as every XML parser does.
  htmlEntities: true,
  isArray: (name) => ["item", "entry", "link"].includes(name),
});

// biome-ignore lint/suspicious/noExplicitAny: a parsed feed is whatever the XML holds
type Parsed = any;

/** Fetches a feed, checks its content type and well-formedness, and parses it. */
async function fetchFeed(t: TestApp, path: string, type: string): Promise<{ xml: string; doc: Parsed }> {
  const res = await t.app.request(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe(`${type}; charset=utf-8`);
  const xml = await res.text();
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(XMLValidator.validate(xml)).toBe(true);
  // What the validator does not check: only characters XML 1.0 allows, only XML's own entities.
  expect(xml).toBe(xmlText(xml));
  expect(
    xml.match(/&[^;\s]*;/g)?.filter((ref) => !/^&(amp|lt|gt|quot|apos|#x[0-9a-f]+|#[0-9]+);$/i.test(ref)) ?? [],
  ).toEqual([]);
  return { xml, doc: parser.parse(xml) };
}

/** Un-escapes HTML once, as a reader does before showing text. */
const htmlText = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const rfc822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Checks what RSS 2.0 requires of a channel and its items; returns the items. */
function checkRss(doc: Parsed): Parsed[] {
  expect(doc.rss["@version"]).toBe("2.0");
  expect(doc.rss["@xmlns:atom"]).toBe("http://www.w3.org/2005/Atom");
  const channel = doc.rss.channel;
  expect(channel.title).toBe("Acme status");
  expect(channel.link).toEqual(["http://status.test"]);
  expect(channel.description).toEqual(expect.any(String));
  expect(channel.language).toBe("en");
  expect(channel.lastBuildDate).toMatch(rfc822);
  expect(channel["atom:link"]).toEqual({
    "@href": "http://status.test/history.rss",
    "@rel": "self",
    "@type": "application/rss+xml",
  });
  const items: Parsed[] = channel.item ?? [];
  for (const item of items) {
    expect(item.title).toEqual(expect.any(String));
    expect(item.description).toEqual(expect.any(String));
    expect(item.link).toEqual([expect.stringMatching(/^http:\/\/status\.test\/incidents\/.+/)]);
    expect(item.guid).toEqual({ "#text": item.link[0], "@isPermaLink": "true" });
    expect(item.pubDate).toMatch(rfc822);
  }
  return items;
}

/** Checks what Atom 1.0 requires of a feed and its entries; returns the entries. */
function checkAtom(doc: Parsed): Parsed[] {
  const feed = doc.feed;
  expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
  expect(feed["@xml:lang"]).toBe("en");
  expect(feed.id).toBe("http://status.test/history.atom");
  expect(feed.title).toBe("Acme status");
  expect(feed.updated).toMatch(rfc3339);
  expect(feed.author).toEqual({ name: "Acme" });
  expect(feed.link).toEqual([
    { "@rel": "self", "@type": "application/atom+xml", "@href": "http://status.test/history.atom" },
    { "@rel": "alternate", "@type": "text/html", "@href": "http://status.test" },
  ]);
  const entries: Parsed[] = feed.entry ?? [];
  for (const entry of entries) {
    expect(entry.id).toMatch(/^http:\/\/status\.test\/incidents\/.+/);
    expect(entry.title).toEqual(expect.any(String));
    expect(entry.link).toEqual([{ "@rel": "alternate", "@type": "text/html", "@href": entry.id }]);
    expect(entry.published).toMatch(rfc3339);
    expect(entry.updated).toMatch(rfc3339);
    expect(Date.parse(entry.updated)).toBeGreaterThanOrEqual(Date.parse(entry.published));
    expect(entry.content["@type"]).toBe("html");
    expect(entry.content["#text"]).toEqual(expect.any(String));
  }
  return entries;
}

const descending = (dates: string[]) => {
  const times = dates.map((d) => Date.parse(d));
  expect(times.every((x) => !Number.isNaN(x))).toBe(true);
  expect(times).toEqual([...times].sort((a, b) => b - a));
};

describe("feed dates", () => {
  it("Should date RSS in RFC 822 and Atom in RFC 3339, in UTC", () => {
    const at = new Date("2026-11-24T14:30:00.250Z");
    expect(rfc822Date(at)).toBe("Tue, 24 Nov 2026 14:30:00 +0000");
    expect(rfc822Date(new Date("2027-01-03T04:05:06Z"))).toBe("Sun, 03 Jan 2027 04:05:06 +0000");
    expect(rfc3339Date(at)).toBe("2026-11-24T14:30:00Z");
  });

  it("Should replace what XML cannot carry and keep the rest", () => {
    expect(xmlText("a\u0001b\u000bc\ud800d\uffff\te\u{1f600}")).toBe("a\ufffdb\ufffdc\ufffdd\ufffd\te\u{1f600}");
  });

  it("Should export the feeds' paths and titles for the page's head", () => {
    expect(feedLinks("Acme")).toEqual([
      { href: "/history.rss", type: "application/rss+xml", title: "Acme status (RSS)" },
      { href: "/history.atom", type: "application/atom+xml", title: "Acme status (Atom)" },
    ]);
    expect(feeds.rss.path).toBe("/history.rss");
    expect(feeds.atom.path).toBe("/history.atom");
  });
});

describe.each(databaseKinds)("feeds on %s", (kind) => {
  let t: TestApp;
  const rss = () => fetchFeed(t, "/history.rss", "application/rss+xml");
  const atom = () => fetchFeed(t, "/history.atom", "application/atom+xml");

  // A fresh page per test: each counts every item in the feed, so each makes exactly what it counts.
  beforeEach(async () => {
    t = await startTestApp(kind, { env: { PAGE_NAME: "Acme", PAGE_TIMEZONE: "Europe/London" }, channels: [] });
    for (const slug of ["api", "web"]) await t.call("POST", "/api/v1/components", { slug, name: slug.toUpperCase() });
  });
  afterEach(() => t.close());

  /**
   * Two incidents over half an hour from 12:00: "API errors" declared first and
   * resolved last (12:30), "Slow web" declared at 12:20 and still open, its next
   * update due at 12:40.
   */
  async function resolvedAndOpen() {
    const declaredAt = t.clock.read();
    const { id: resolvedId } = await t.declare({
      title: "API errors",
      message: "We see errors.",
      components: { api: "major_outage" },
    });
    t.clock.advance(minutes(10));
    await t.postUpdate(resolvedId, { status: "identified", message: "A bad deploy.\nRolling back." });
    t.clock.advance(minutes(10));
    const { id: openId } = await t.declare({
      title: "Slow web",
      message: "Pages are slow.",
      eta: t.clock.in(minutes(90)),
      next_update_in: "PT20M",
      components: { web: "degraded_performance" },
    });
    t.clock.advance(minutes(10));
    await t.postUpdate(resolvedId, { status: "resolved", message: "All good." });
    return { resolvedId, openId, declaredAt, resolvedAt: t.clock.read() };
  }

  it("Should give valid feeds with no item when there is no incident", async () => {
    const { doc: r } = await rss();
    expect(checkRss(r)).toEqual([]);
    expect(r.rss.channel.lastBuildDate).toBe(rfc822Date(t.clock.read()));
    const { doc: a } = await atom();
    expect(checkAtom(a)).toEqual([]);
    expect(a.feed.updated).toBe(rfc3339Date(t.clock.read()));
  });

  it("Should answer /feed.rss and /feed.atom with the same feeds, naming the Statuspage paths as their own", async () => {
    for (const [alias, canonical] of [
      ["/feed.rss", "/history.rss"],
      ["/feed.atom", "/history.atom"],
    ]) {
      const [a, b] = await Promise.all([t.app.request(alias), t.app.request(canonical)]);
      expect(a.status).toBe(200);
      expect(a.headers.get("content-type")).toBe(b.headers.get("content-type"));
      const text = await a.text();
      expect(text).toBe(await b.text());
      expect(text).toContain(`http://status.test${canonical}`);
    }
  });

  it("Should carry each incident with every update, newest first, and keep resolved ones", async () => {
    const { resolvedId, openId, declaredAt, resolvedAt } = await resolvedAndOpen();

    const { doc: r } = await rss();
    const items = checkRss(r);
    // The resolved incident was updated last, so it comes first though declared first.
    expect(items.map((i: Parsed) => i.link[0])).toEqual([
      `http://status.test/incidents/${resolvedId}`,
      `http://status.test/incidents/${openId}`,
    ]);
    expect(items.map((i: Parsed) => i.title)).toEqual(["API errors", "Slow web"]);
    expect(items[0].pubDate).toBe("Mon, 23 Nov 2026 12:30:00 +0000");
    expect(r.rss.channel.lastBuildDate).toBe(rfc822Date(resolvedAt));
    descending(items.map((i: Parsed) => i.pubDate));

    const resolved = htmlText(items[0].description);
    // Every update, newest first, at its time in the page's zone (London is on GMT in November).
    const order = [
      "Resolved",
      "All good.",
      "Identified",
      "A bad deploy.",
      "Rolling back.",
      "Investigating",
      "We see errors.",
    ];
    const positions = order.map((words) => resolved.indexOf(words));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const time of ["23 Nov 2026, 12:30 GMT", "23 Nov 2026, 12:10 GMT", "23 Nov 2026, 12:00 GMT"])
      expect(resolved).toContain(time);
    expect(items[0].description).toContain("A bad deploy.<br>Rolling back.");
    expect(resolved).toContain("Affected components: API (Operational)");
    expect(resolved).not.toContain("Next update by");
    expect(resolved).not.toContain("automatic update");

    const open = htmlText(items[1].description);
    expect(open).toContain("We expect service back by 13:50 GMT. Next update by 12:40 GMT.");
    expect(open).toContain("Affected components: WEB (Degraded performance)");
    expect(open).toContain("Pages are slow.");

    const { doc: a } = await atom();
    const entries = checkAtom(a);
    expect(entries.map((e: Parsed) => e.id)).toEqual(items.map((i: Parsed) => i.link[0]));
    expect(entries[0]).toMatchObject({
      title: "API errors",
      published: rfc3339Date(declaredAt),
      updated: rfc3339Date(resolvedAt),
    });
    expect(a.feed.updated).toBe(rfc3339Date(resolvedAt));
    descending(entries.map((e: Parsed) => e.updated));
    expect(htmlText(entries[0].content["#text"])).toBe(resolved);
  });

  it("Should mark automatic updates and move their incident to the top", async () => {
    const { openId } = await resolvedAndOpen();
    t.clock.advance(minutes(15)); // the open incident's next update was due 5 minutes ago
    expect(await (t.engine as Engine).tick()).toBe(1);
    const { doc: r } = await rss();
    const items = checkRss(r);
    expect(items[0].link[0]).toBe(`http://status.test/incidents/${openId}`);
    expect(items[0].pubDate).toBe(rfc822Date(t.clock.read()));
    expect(r.rss.channel.lastBuildDate).toBe(rfc822Date(t.clock.read()));
    const text = htmlText(items[0].description);
    expect(text.match(/automatic update/g)).toHaveLength(1);
    expect(text.indexOf("automatic update")).toBeLessThan(text.indexOf("Pages are slow."));
    const { doc: a } = await atom();
    expect(checkAtom(a)[0]).toMatchObject({ id: items[0].link[0], updated: rfc3339Date(t.clock.read()) });
  });

  it("Should show titles and messages as text, never as markup", async () => {
    t.clock.advance(minutes(1));
    await t.declare({ title: xss, message: xss, components: { api: "partial_outage" } });
    expect((await t.call("PATCH", "/api/v1/components/api", { name: xss })).status).toBe(200);
    for (const [fetch, check, htmlOf] of [
      [rss, checkRss, (i: Parsed) => i.description],
      [atom, checkAtom, (e: Parsed) => e.content["#text"]],
    ] as const) {
      const { xml, doc } = await fetch();
      const [first] = check(doc);
      expect(first.title).toBe(xss);
      const html = htmlOf(first);
      // After XML parsing the description is HTML whose user text is still escaped...
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;");
      expect(html).not.toMatch(/<script|<b>/i);
      // ...which a reader shows as exactly the words typed.
      expect(htmlText(html)).toContain(xss);
      expect(htmlText(html)).toContain(`Affected components: ${xss} (Partial outage)`);
      // And nothing in the XML itself became an element.
      expect(xml).not.toMatch(/<script|<b>/i);
      expect(JSON.stringify(doc)).not.toMatch(/"script"|"b":/);
    }
  });

  it("Should keep the feed well-formed whatever characters a message holds", async () => {
    t.clock.advance(minutes(1));
    await t.declare({ title: "Odd \u0001 bytes ]]> here", message: "Bell \u0007, ]]>, \u{1f525} and ünïcödé" });
    const { doc: r } = await rss();
    const [item] = checkRss(r);
    expect(item.title).toBe("Odd \ufffd bytes ]]> here");
    expect(htmlText(item.description)).toContain("Bell \ufffd, ]]>, \u{1f525} and ünïcödé");
    const { doc: a } = await atom();
    expect(checkAtom(a)[0].title).toBe("Odd \ufffd bytes ]]> here");
  });

  it("Should carry the 50 incidents updated last", async () => {
    // Two older incidents first, so 52 in all: the feed must leave the oldest out.
    const { openId } = await resolvedAndOpen();
    for (let n = 0; n < 50; n++) {
      t.clock.advance(1000);
      await t.declare({ title: `Bulk ${n}`, message: "m" });
    }
    const items = checkRss((await rss()).doc);
    expect(items).toHaveLength(50);
    expect(items[0].title).toBe("Bulk 49");
    expect(items.at(-1).title).toBe("Bulk 0");
    // An update brings an older incident back in, at the top.
    t.clock.advance(1000);
    await t.postUpdate(openId, { message: "Still slow." });
    const again = checkRss((await rss()).doc);
    expect(again).toHaveLength(50);
    expect(again[0].link[0]).toBe(`http://status.test/incidents/${openId}`);
    expect(again.at(-1).title).toBe("Bulk 1");
    const entries = checkAtom((await atom()).doc);
    expect(entries).toHaveLength(50);
    descending(entries.map((e: Parsed) => e.updated));
  });
});

describe.each(databaseKinds)("scheduled maintenance in the feeds on %s", (kind) => {
  let t: TestApp;
  /** The windows in the words of the lead's announcements (and the feed's "planned for"). */
  const london = (from: string, to: string) => describeWindow(new Date(from), new Date(to), "Europe/London");
  const windowA = london("2026-11-24T02:00:00Z", "2026-11-24T04:00:00Z");
  const windowB = london("2026-11-25T02:00:00Z", "2026-11-25T03:00:00Z");
  const rss = () => fetchFeed(t, "/history.rss", "application/rss+xml");
  const atom = () => fetchFeed(t, "/history.atom", "application/atom+xml");
  /** The RSS item and Atom entry of one maintenance or incident, each checked against its spec. */
  async function itemsOf(itemId: string) {
    const link = `http://status.test/incidents/${itemId}`;
    const item = checkRss((await rss()).doc).find((i: Parsed) => i.link[0] === link);
    const entry = checkAtom((await atom()).doc).find((e: Parsed) => e.id === link);
    expect(htmlText(entry.content["#text"])).toBe(htmlText(item.description));
    return { item, entry, text: htmlText(item.description).replace(/\s+/g, " ") };
  }
  const schedule = (body: Record<string, unknown>) => t.scheduleMaintenance(body);

  // A fresh page per test; each test first brings the story to where it picks it up.
  beforeEach(async () => {
    t = await startTestApp(kind, { env: { PAGE_NAME: "Acme", PAGE_TIMEZONE: "Europe/London" }, channels: [] });
    await t.call("POST", "/api/v1/components", { slug: "db", name: "Database" });
  });
  afterEach(() => t.close());

  /** The database upgrade in window A, announced now (12:00 on 23 Nov), and an incident resolved beside it. */
  async function announceUpgrade() {
    const announcedAt = t.clock.read();
    const id = await schedule({});
    const incident = await t.declare({ title: "API errors" });
    await t.postUpdate(incident.id, { status: "resolved", message: "Fixed." });
    return { id, incident, announcedAt };
  }
  /** The engine starts the work at 02:00, its start. */
  async function startAtTwo() {
    t.clock.now = new Date("2026-11-24T02:00:00Z");
    expect(await (t.engine as Engine).tick()).toBe(1);
  }
  /** At 04:20 the engine tells that the work runs past its 04:00 end. */
  async function overrunAtFourTwenty() {
    t.clock.now = new Date("2026-11-24T04:20:00Z");
    expect(await (t.engine as Engine).tick()).toBe(1);
  }

  it("Should carry a scheduled maintenance titled as one, with its window, published when announced", async () => {
    const { id, incident, announcedAt } = await announceUpgrade();
    const { item, entry, text } = await itemsOf(id);
    expect(item.title).toBe("Scheduled maintenance: Database upgrade");
    expect(entry.title).toBe("Scheduled maintenance: Database upgrade");
    // Not at its start, which is in the window, ahead.
    expect(entry.published).toBe(rfc3339Date(announcedAt));
    expect(text).toContain(`Scheduled maintenance · planned for ${windowA}`);
    expect(text).toContain(
      `We are upgrading the database. Planned for ${windowA}. We will post here when the work starts and when it is done.`,
    );
    expect(text).toContain("Affected components: Database (Operational)");
    expect(text).not.toMatch(/started|automatic update|impact/);
    // Incidents keep their own titles.
    expect((await itemsOf(incident.id)).item.title).toBe("API errors");
  });

  it("Should tell the start and an overrun, each marked automatic, and move the maintenance to the top", async () => {
    const { id } = await announceUpgrade();
    await startAtTwo();
    let { item, text } = await itemsOf(id);
    expect(checkRss((await rss()).doc)[0].link[0]).toBe(item.link[0]);
    expect(item.pubDate).toBe(rfc822Date(t.clock.read()));
    expect(text).toContain(`Maintenance in progress · planned for ${windowA} · started 24 Nov 2026, 02:00 GMT`);
    expect(text).toContain("We expect to finish by 04:00 GMT.");
    expect(text).toContain("Affected components: Database (Under maintenance)");
    expect(text.match(/automatic update/g)).toHaveLength(1);

    await overrunAtFourTwenty();
    ({ text } = await itemsOf(id));
    expect(text).toContain("This work is running past its planned end of 04:00 GMT. Next update by 04:50 GMT.");
    expect(text).toContain("This maintenance was planned to finish by 04:00 GMT and is not done yet.");
    // The entry's own promise line no longer names the passed end (the started update still does, as it was).
    expect(text.slice(0, text.indexOf("Affected components"))).not.toContain("We expect to finish by");
    expect(text.match(/automatic update/g)).toHaveLength(2);
  });

  it("Should tell a completed and a cancelled maintenance, each with its window", async () => {
    const { id } = await announceUpgrade();
    await startAtTwo();
    await overrunAtFourTwenty();
    t.clock.now = new Date("2026-11-24T04:30:00Z");
    expect((await t.call("POST", `/api/v1/maintenances/${id}/complete`, { message: "All done." })).status).toBe(200);
    let { text } = await itemsOf(id);
    expect(text).toContain(
      `Maintenance completed · planned for ${windowA} · started 24 Nov 2026, 02:00 GMT · completed 24 Nov 2026, 04:30 GMT`,
    );
    expect(text).toContain("All done. Completed after 2 hours 30 minutes.");
    expect(text).not.toContain("running past");

    const other = await schedule({
      title: "Network work",
      starts_at: "2026-11-25T02:00:00Z",
      ends_at: "2026-11-25T03:00:00Z",
    });
    t.clock.advance(minutes(5));
    expect((await t.call("POST", `/api/v1/maintenances/${other}/cancel`, { message: "Not needed." })).status).toBe(200);
    const cancelled = await itemsOf(other);
    expect(cancelled.item.title).toBe("Scheduled maintenance: Network work");
    text = cancelled.text;
    expect(text).toContain(`Maintenance cancelled · planned for ${windowB} · cancelled 24 Nov 2026, 04:35 GMT`);
    expect(text).toContain(`Not needed. The work planned for ${windowB} will not take place`);
    expect(text).not.toContain("started");
  });

  it("Should show a maintenance's title and message as text, never as markup", async () => {
    const evil = await schedule({
      title: xss,
      message: xss,
      starts_at: "2026-11-26T02:00:00Z",
      ends_at: "2026-11-26T03:00:00Z",
    });
    for (const [fetch, check, htmlOf] of [
      [rss, checkRss, (i: Parsed) => i.description],
      [atom, checkAtom, (e: Parsed) => e.content["#text"]],
    ] as const) {
      const { xml, doc } = await fetch();
      const first = check(doc).find((i: Parsed) => JSON.stringify(i).includes(evil));
      expect(first.title).toBe(`Scheduled maintenance: ${xss}`);
      const html = htmlOf(first);
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;");
      expect(html).not.toMatch(/<script|<b>/i);
      expect(htmlText(html)).toContain(`${xss} Planned for 26 Nov 2026`);
      expect(xml).not.toMatch(/<script|<b>/i);
    }
  });
});
