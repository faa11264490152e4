import { describe, expect, it } from "vitest";
import { overallStatus } from "../../src/domain/components.ts";
import { render } from "../../src/render/index.ts";
import { formatTime } from "../../src/render/time.ts";

describe("render", () => {
  describe("pages/home", () => {
    const base = {
      pageName: "Example Status",
      overall: overallStatus(["operational"], []),
      components: [],
      incidents: [],
    };

    it("Should show the page name in the title and heading", () => {
      const html = render("pages/home", base);
      expect(html).toContain("<title>Example Status</title>");
      expect(html).toContain("<h1>Example Status</h1>");
    });

    it("Should escape HTML in the page name", () => {
      const html = render("pages/home", { ...base, pageName: "<script>alert(1)</script>" });
      expect(html).not.toContain("<script>");
      expect(html).toContain("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>");
    });

    it("Should escape HTML in component names and groups", () => {
      const html = render("pages/home", {
        ...base,
        components: [{ name: "<script>x</script>", group: '"Edge" & <b>', status: "operational" }],
      });
      expect(html).not.toContain("<script>");
      expect(html).not.toContain("<b>");
      expect(html).toContain("&lt;script&gt;x&lt;/script&gt;");
      expect(html).toContain("&quot;Edge&quot; &amp; &lt;b&gt;");
    });

    it("Should escape HTML in incident titles and update text", () => {
      const html = render("pages/home", {
        ...base,
        incidents: [
          {
            id: "inc_1",
            title: "<img src=x onerror=alert(1)>",
            status: "investigating",
            latest: "<script>steal()</script>",
            promise: "Next update by 14:30 UTC",
          },
        ],
      });
      expect(html).not.toContain("<img");
      expect(html).not.toContain("<script>");
      expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;");
      expect(html).toContain("&lt;script&gt;steal()&lt;/script&gt;");
    });

    it("Should show the banner label and status class", () => {
      const html = render("pages/home", base);
      expect(html).toContain('class="card banner s-operational"');
      expect(html).toContain(">All Systems Operational</section>");
    });

    it("Should show an outage banner", () => {
      const html = render("pages/home", { ...base, overall: overallStatus(["major_outage"], []) });
      expect(html).toContain('class="card banner s-major_outage"');
      expect(html).toContain(">Major Outage</section>");
      expect(html).not.toContain("All Systems Operational");
    });

    it("Should list components with humanized statuses", () => {
      const html = render("pages/home", {
        ...base,
        components: [
          { name: "API", group: null, status: "partial_outage" },
          { name: "Checkout", group: "Web", status: "operational" },
        ],
      });
      expect(html).toContain('<span>API</span><span class="s-partial_outage">Partial outage</span>');
      expect(html).toContain('<span class="muted">Web / </span>Checkout');
      expect(html).not.toContain("No components yet.");
    });

    it("Should say there are no components yet when there are none", () => {
      expect(render("pages/home", base)).toContain("No components yet.");
    });

    it("Should list active incidents with a link, status and promise", () => {
      const html = render("pages/home", {
        ...base,
        incidents: [
          {
            id: "inc_abc",
            title: "Checkout errors",
            status: "identified",
            latest: "A bad deploy; rolling back.",
            promise: "Next update by 14:30 UTC",
          },
        ],
      });
      expect(html).toContain("Active incidents");
      expect(html).toContain('<a href="/incidents/inc_abc">Checkout errors</a>');
      expect(html).toContain("<strong>Identified</strong>: A bad deploy; rolling back.");
      expect(html).toContain("Next update by 14:30 UTC");
    });

    it("Should leave out the incidents section when none are open", () => {
      expect(render("pages/home", base)).not.toContain("Active incidents");
    });
  });
});

describe("formatTime", () => {
  it("Should format a time in UTC with the zone name", () => {
    expect(formatTime(new Date("2026-11-23T14:30:00Z"), "UTC")).toBe("14:30 UTC");
  });

  it("Should use a 24-hour clock with leading zeros", () => {
    expect(formatTime(new Date("2026-11-23T00:05:00Z"), "UTC")).toBe("00:05 UTC");
    expect(formatTime(new Date("2026-11-23T23:59:59Z"), "UTC")).toBe("23:59 UTC");
  });

  it("Should show BST for Europe/London in summer", () => {
    expect(formatTime(new Date("2026-07-01T14:30:00Z"), "Europe/London")).toBe("15:30 BST");
  });

  it("Should show GMT for Europe/London in winter", () => {
    expect(formatTime(new Date("2026-11-23T14:30:00Z"), "Europe/London")).toBe("14:30 GMT");
  });

  it("Should include the date when asked", () => {
    expect(formatTime(new Date("2026-11-23T14:30:00Z"), "UTC", true)).toBe("23 Nov 2026, 14:30 UTC");
    expect(formatTime(new Date("2026-07-01T14:30:00Z"), "Europe/London", true)).toBe("1 Jul 2026, 15:30 BST");
  });

  it("Should give the date in the page's zone, not UTC", () => {
    expect(formatTime(new Date("2026-07-01T23:30:00Z"), "Europe/London", true)).toBe("2 Jul 2026, 00:30 BST");
  });
});
