import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { componentStatuses } from "../../src/domain/components.ts";
import { cachedRouteIndex, cachedRoutes, isCachedPath } from "../../src/middleware/public-cache/paths.ts";
import { badgeColors, badgeSvg, badgeWords, textWidth } from "../../src/render/badge.ts";
import { badgeEmbed } from "../../src/render/views/badge-embed.ts";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  htmlEntities: true,
});

// biome-ignore lint/suspicious/noExplicitAny: a parsed SVG is whatever the XML holds
type Parsed = any;

/** The SVG as a reader sees it: the title, each half's width, colour and text. */
function read(svg: string) {
  expect(XMLValidator.validate(svg)).toBe(true);
  const root: Parsed = parser.parse(svg).svg;
  const [left, right] = root.g[0].rect;
  const texts: Parsed[] = root.g[1].text;
  return {
    root,
    title: root.title as string,
    label: { width: Number(left["@width"]), color: left["@fill"], text: texts[1]["#text"] },
    message: { width: Number(right["@width"]), x: Number(right["@x"]), color: right["@fill"], text: texts[3]["#text"] },
  };
}

describe("badgeSvg", () => {
  it("Should show each status's word in its colour, the label on grey, and say both to screen readers", () => {
    for (const status of componentStatuses) {
      const svg = read(badgeSvg("Acme", status));
      expect(svg.label).toMatchObject({ text: "Acme", color: "#555" });
      expect(svg.message).toMatchObject({ text: badgeWords[status], color: badgeColors[status] });
      expect(svg.root["@role"]).toBe("img");
      expect(svg.root["@aria-label"]).toBe(`Acme: ${badgeWords[status]}`);
      expect(svg.title).toBe(`Acme: ${badgeWords[status]}`);
      expect(Number(svg.root["@width"])).toBe(svg.label.width + svg.message.width);
      expect(svg.message.x).toBe(svg.label.width);
    }
    expect(Object.values(badgeWords)).toEqual([
      "operational",
      "degraded performance",
      "partial outage",
      "major outage",
      "under maintenance",
    ]);
  });

  it("Should size each half to its text from Verdana's widths, with 5 px either side", () => {
    // Shields.io's own measure of these words (anafanafo, Verdana 11px), rounded up.
    expect(textWidth("operational")).toBe(
      Math.ceil(6.68 + 6.85 + 6.55 + 4.69 + 6.61 + 4.33 + 3.02 + 6.68 + 6.96 + 6.61 + 3.02),
    );
    expect(textWidth("WWW")).toBeGreaterThan(textWidth("iii") * 3);
    // Text beyond ASCII counts as the widest common glyph: it never overflows.
    expect(textWidth("ÅÅ")).toBe(22);
    const svg = read(badgeSvg("a much longer label for the page", "operational"));
    expect(svg.label.width).toBe(textWidth("a much longer label for the page") + 10);
    expect(svg.message.width).toBe(textWidth("operational") + 10);
  });

  it("Should escape every text, in the content and in the attributes", () => {
    const nasty = `<script>&"'`;
    const raw = badgeSvg(nasty, "major_outage");
    expect(raw).not.toContain("<script");
    expect(raw).toContain("&lt;script&gt;&amp;&quot;&apos;");
    const svg = read(raw);
    expect(svg.label.text).toBe(nasty);
    expect(svg.root["@aria-label"]).toBe(`${nasty}: major outage`);
    expect(svg.title).toBe(`${nasty}: major outage`);
    // Characters XML cannot carry at all become U+FFFD, so the SVG stays well-formed.
    expect(read(badgeSvg("a\u0001b", "operational")).label.text).toBe("a\uFFFDb");
  });
});

describe("badgeEmbed", () => {
  it("Should give Markdown and HTML for the overall badge, with the page name escaped for each", () => {
    expect(badgeEmbed("Acme", "https://status.acme.com")).toEqual({
      src: "https://status.acme.com/badge.svg",
      markdown: "[![Acme status](https://status.acme.com/badge.svg)](https://status.acme.com)",
      html: '<a href="https://status.acme.com"><img src="https://status.acme.com/badge.svg" alt="Acme status"></a>',
    });
    const odd = badgeEmbed('A [b] "c" <d>', "https://s.test");
    expect(odd.markdown).toBe('[![A \\[b\\] "c" <d> status](https://s.test/badge.svg)](https://s.test)');
    expect(odd.html).toContain('alt="A [b] &quot;c&quot; &lt;d&gt; status"');
  });
});

describe("the badges in the public cache", () => {
  it("Should cache both badge paths and label a component's badge by its route, never its slug", () => {
    expect(isCachedPath("/badge.svg")).toBe(true);
    expect(isCachedPath("/components/api/badge.svg")).toBe(true);
    expect(isCachedPath("/components/api")).toBe(false);
    expect(isCachedPath("/components/a/b/badge.svg")).toBe(false);
    expect(cachedRoutes[cachedRouteIndex("/components/api/badge.svg?label=x")]).toBe("/components/:slug/badge.svg");
    expect(cachedRoutes[cachedRouteIndex("/badge.svg?label=x")]).toBe("/badge.svg");
  });
});
