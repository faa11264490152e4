import type { KnownBlock, MessageAttachment } from "@slack/types";
import type { RESTPostAPIWebhookWithTokenJSONBody } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { cutText, fitLines, withPromise } from "../../src/render/chat/cut.ts";
import { discordConfirmation, discordUpdate } from "../../src/render/chat/discord.ts";
import {
  type ChatKind,
  chatConfirmationBody,
  chatKinds,
  chatLimits,
  chatUpdateBody,
} from "../../src/render/chat/index.ts";
import { slackConfirmation, slackUpdate } from "../../src/render/chat/slack.ts";
import { hostile, longText, sampleUpdate } from "../support/chat-samples.ts";

// biome-ignore lint/suspicious/noExplicitAny: the tests read whatever JSON a body holds
type Json = any;

const graphemes = (s: string) =>
  [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(s)].map((g) => g.segment);
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A small seeded generator, so the random texts are the same on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Every text a body carries, flattened: what the escaping checks look through. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

const links = [
  "https://status.acme.test/incidents/42?x=1&y=2",
  "<https://status.acme.test/a|the status page>",
  "[the runbook](https://docs.acme.test/runbook)",
  '<a href="https://x.test">a link</a>',
];

describe("cutText", () => {
  it("leaves a text that fits alone", () => {
    expect(cutText("short", 5)).toBe("short");
  });

  it("cuts at the last word boundary and ends with an ellipsis", () => {
    expect(cutText("The database is slow again", 15)).toBe("The database…");
    expect(cutText("The database is slow again", 16)).toBe("The database is…");
  });

  it("never cuts inside a link of any kind", () => {
    for (const link of links) {
      const text = `See ${link} for more`;
      for (let max = 5; max < text.length; max++) {
        const cut = cutText(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        const kept = cut.slice(0, -1);
        // Either the whole link is kept, or none of it.
        expect(kept.includes(link) || !kept.includes(link.slice(0, 5))).toBe(true);
      }
    }
  });

  it("keeps entities and backslash escapes whole", () => {
    expect(cutText("a &amp; b", 5)).toBe("a…");
    expect(cutText("ab \\* cd", 5)).toBe("ab…");
  });

  it("never splits an emoji ZWJ sequence, a flag or a surrogate pair", () => {
    const family = "👩‍👩‍👧‍👦";
    const text = family.repeat(30);
    for (let max = 1; max < text.length; max += 3) {
      const cut = cutText(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(loneSurrogate.test(cut)).toBe(false);
      for (const g of graphemes(cut.slice(0, -1))) expect(g).toBe(family);
    }
    expect(cutText("e\u0301e\u0301e\u0301", 4)).toBe("e\u0301…");
  });

  it("cuts a single very long word between graphemes rather than emptying the text", () => {
    expect(cutText("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("holds on random texts: within the limit, a prefix, whole graphemes, whole links", () => {
    const next = random(18);
    const pool = ["word", "longer-word", "🏳️‍🌈", "𝒜", "e\u0301", "\n", ...links, "&amp;"];
    for (let run = 0; run < 400; run++) {
      const tokens = Array.from({ length: 5 + Math.floor(next() * 40) }, () => pool[Math.floor(next() * pool.length)]);
      const text = tokens.join(next() < 0.8 ? " " : "");
      const max = 2 + Math.floor(next() * text.length);
      const cut = cutText(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      if (cut === text) continue;
      const kept = cut.slice(0, -1);
      expect(cut.endsWith("…")).toBe(true);
      expect(text.startsWith(kept)).toBe(true);
      expect(loneSurrogate.test(kept)).toBe(false);
      expect(graphemes(text).join("").startsWith(graphemes(kept).join(""))).toBe(true);
      for (const link of links) {
        // A link that starts in the kept part ends there too.
        const at = text.indexOf(link);
        if (at >= 0 && at < kept.length) expect(at + link.length).toBeLessThanOrEqual(kept.length);
      }
    }
  });
});

describe("withPromise and fitLines", () => {
  it("keeps the promise whole at the end and cuts the message for it", () => {
    const promise = "We expect service back by 14:30 UTC.";
    const text = withPromise(longText(10_000), promise, 3000);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith(`…\n\n${promise}`)).toBe(true);
    expect(withPromise("short", promise, 3000)).toBe(`short\n\n${promise}`);
    expect(withPromise("", promise, 3000)).toBe(promise);
  });

  it("lists whole lines and counts the rest", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `component ${i}: operational`);
    const text = fitLines(lines, 200);
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text).toMatch(/\n…and \d+ more$/);
    for (const line of text.split("\n").slice(0, -1)) expect(lines).toContain(line);
  });
});

/** The parts of each kind's body a reader sees, found where each platform puts them. */
function read(kind: ChatKind, body: Json) {
  const all = strings(body).join("\n");
  switch (kind) {
    case "slack":
      return { all, color: body.attachments[0].color };
    case "mattermost":
      return { all, color: body.attachments[0].color };
    case "discord":
      return { all, color: `#${body.embeds[0].color.toString(16).padStart(6, "0")}` };
    case "teams":
      return { all, color: body.attachments[0].content.body[0].style };
    case "google_chat":
      return { all, color: all.match(/<font color="(#[0-9a-f]{6})"><b>/)?.[1] };
  }
}

describe.each(chatKinds)("%s update", (kind) => {
  it("shows the title and link, status, update, promise, components and colour", () => {
    const body = chatUpdateBody(kind, sampleUpdate());
    const { all, color } = read(kind, body);
    expect(all).toContain("Elevated API error rates");
    expect(all).toContain("https://status.acme.test/incidents/42");
    expect(all).toContain("Identified");
    expect(all).toContain("connection pool");
    expect(all).toContain("We expect service back by 14:30 UTC. Next update by 14:15 UTC.");
    expect(all).toContain("API");
    expect(all).toContain("major outage");
    expect(all).toContain("degraded performance");
    expect(all).not.toContain("automatic update");
    expect(color).toBe(kind === "teams" ? "attention" : "#e16f24");
  });

  it('says "automatic update" for Candor\'s own, and colours by status', () => {
    const body = chatUpdateBody(kind, sampleUpdate({ automatic: true, status: "resolved" }));
    const { all, color } = read(kind, body);
    expect(all).toContain("automatic update");
    expect(color).toBe(kind === "teams" ? "good" : "#1a7f37");
    const maintenance = read(
      kind,
      chatUpdateBody(kind, sampleUpdate({ status: "in_progress", impact: "maintenance" })),
    );
    expect(maintenance.color).toBe(kind === "teams" ? "accent" : "#0969da");
  });

  it("stays within the platform's limits on a very long update, the promise whole", () => {
    const promise = "We expect service back by 14:30 UTC. Next update by 14:15 UTC.";
    const components = Array.from({ length: 400 }, (_, i) => ({
      name: `Component ${i} 🏳️‍🌈`,
      status: "partial_outage",
    }));
    const update = sampleUpdate({ message: longText(60_000), incidentTitle: longText(600), promise, components });
    const body: Json = chatUpdateBody(kind, update);
    const all = strings(body).join("\n");
    expect(all).toContain(promise);
    for (const text of strings(body)) expect(loneSurrogate.test(text)).toBe(false);
    const bytes = new TextEncoder().encode(JSON.stringify(body)).length;
    if (kind === "slack") {
      const blocks = [...body.blocks, ...body.attachments[0].blocks];
      expect(blocks.length).toBeLessThanOrEqual(chatLimits.slack.blocks);
      expect(body.blocks[0].text.text.length).toBeLessThanOrEqual(chatLimits.slack.headerText);
      for (const b of blocks.filter((b: Json) => b.type === "section")) {
        expect(b.text.text.length).toBeLessThanOrEqual(chatLimits.slack.sectionText);
      }
      expect(body.text.length).toBeLessThanOrEqual(chatLimits.slack.fallbackText);
    }
    if (kind === "discord") {
      const e = body.embeds[0];
      expect(e.title.length).toBeLessThanOrEqual(256);
      expect(e.description.length).toBeLessThanOrEqual(4096);
      expect(e.description.endsWith(`**${promise}**`)).toBe(true);
      for (const f of e.fields) expect(f.value.length).toBeLessThanOrEqual(1024);
      const total =
        e.title.length +
        e.description.length +
        e.footer.text.length +
        e.author.name.length +
        e.fields.reduce((n: number, f: Json) => n + f.name.length + f.value.length, 0);
      expect(total).toBeLessThanOrEqual(6000);
    }
    if (kind === "teams") expect(bytes).toBeLessThanOrEqual(chatLimits.teams.bodyBytes);
    if (kind === "google_chat") {
      expect(bytes).toBeLessThanOrEqual(chatLimits.googleChat.bodyBytes);
      expect(body.text.length).toBeLessThanOrEqual(chatLimits.googleChat.text);
    }
    if (kind === "mattermost") {
      expect(body.text.length).toBeLessThanOrEqual(chatLimits.mattermost.text);
      expect(body.attachments[0].text.length).toBeLessThanOrEqual(chatLimits.mattermost.attachmentText);
      expect(body.attachments[0].text.endsWith(`**${promise}**`)).toBe(true);
    }
  });

  it("turns hostile text into text: no mention, link or tag survives", () => {
    const update = sampleUpdate({
      pageName: hostile,
      incidentTitle: hostile,
      message: hostile,
      promise: `${hostile} by 14:30 UTC.`,
      components: [{ name: hostile, status: "major_outage" }],
    });
    const body: Json = chatUpdateBody(kind, update);
    const raw = /<!channel>|<!here>|<@U123>|<script>/;
    const pings = /@(everyone|here|channel|all)\b/;
    const all = strings(body).join("\n");
    // Where each platform reads markup, the hostile text is escaped; fields it
    // shows as plain text may show it as typed, but nothing there pings.
    if (kind === "slack") {
      expect(strings([body.text, body.blocks[1], body.attachments]).join("\n")).not.toMatch(raw);
      expect(all).toContain("&lt;!channel&gt;");
    }
    if (kind === "mattermost") {
      const a = body.attachments[0];
      expect(strings([body.text, a.text, a.fields]).join("\n")).not.toMatch(raw);
      expect(strings([a.title, a.fallback]).join("\n")).not.toMatch(/<!channel>|<@U123>/);
      expect(all).not.toMatch(pings);
      expect(all).toContain("\\*bold\\*");
    }
    if (kind === "discord") {
      const e = body.embeds[0];
      expect(strings([e.description, e.fields]).join("\n")).not.toMatch(/(^|[^\\])<[!@]/);
      expect(all).not.toMatch(pings);
      expect(all).toContain("\\*bold\\*");
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }
    if (kind === "google_chat") {
      expect(strings(body.cardsV2[0].card.sections).join("\n")).not.toMatch(raw);
      expect(body.text).not.toMatch(/[<>]/);
    }
    if (kind === "teams") {
      const texts = strings(body.attachments[0].content.body).join("\n");
      expect(texts).not.toContain("[x](https://evil.test)");
      expect(texts).toContain("\\*bold\\*");
    }
  });
});

describe.each(chatKinds)("%s confirmation", (kind) => {
  it("says who asked, links the confirmation, and says to ignore it otherwise", () => {
    const c = {
      pageName: "Acme Status",
      pageUrl: "https://status.acme.test",
      confirmUrl: "https://status.acme.test/confirm?t=abc",
      components: ["API", "Dashboard"],
    };
    const all = strings(chatConfirmationBody(kind, c)).join("\n");
    expect(all).toContain("https://status.acme.test/confirm?t=abc");
    expect(all).toContain("asked for Acme Status");
    expect(all).toContain("API, Dashboard");
    expect(all).toMatch(/did not ask for this, ignore/);
    expect(strings(chatConfirmationBody(kind, { ...c, components: [] })).join("\n")).toContain("All components");
  });
});

describe("the SDKs' types", () => {
  // Checked by the type checker (npm run typecheck): the Slack and Discord
  // bodies are assignable to @slack/types' Block Kit and discord-api-types'
  // webhook body, so a renamed or mistyped field fails the build.
  it("Slack bodies are Block Kit, Discord bodies are webhook bodies", () => {
    const c = { pageName: "Acme", pageUrl: "https://s.test", confirmUrl: "https://s.test/c", components: [] };
    const slack = slackUpdate(sampleUpdate()) satisfies {
      text: string;
      blocks: KnownBlock[];
      attachments: MessageAttachment[];
    };
    const slackConfirm = slackConfirmation(c) satisfies { text: string; blocks: KnownBlock[] };
    const discord = discordUpdate(sampleUpdate()) satisfies RESTPostAPIWebhookWithTokenJSONBody;
    const discordConfirm = discordConfirmation(c) satisfies RESTPostAPIWebhookWithTokenJSONBody;
    expect([
      slack.blocks.length,
      slackConfirm.blocks.length,
      discord.embeds.length,
      discordConfirm.embeds.length,
    ]).toEqual([2, 4, 1, 1]);
  });
});
