// Every HTML page under its Content-Security-Policy in headless Chromium, on
// the real process (`npm start`): an incident open and a maintenance
// scheduled, so banners, cards, times and the time-zone script all render.
// No page may report a CSP violation (a `securitypolicyviolation` event, seen
// by an init script, or Chromium's "Refused to …" console error), and the
// scripts the policy allows must actually run: the time-zone script rewrites
// the times for a reader in New York, the docs' "Try it" form calls the API.
// The same headers on the socket fast path, its 304 and HEAD, are checked here
// too, over real HTTP.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { api, killAll, type RunningCandor, removeDir, startCandor, tempDir } from "../support/candor-process.ts";
import { freePort } from "../support/postgres-server.ts";
import { launchChromium } from "../support/servers.ts";

const startTimeout = 120_000;

/** Collects CSP violations in the page, from before its first script runs. */
const watchViolations = () => {
  const seen: string[] = [];
  (window as unknown as { __violations: string[] }).__violations = seen;
  document.addEventListener("securitypolicyviolation", (e) => {
    seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
  });
};

describe("the pages under their Content-Security-Policy in headless Chromium", () => {
  let dataDir: string;
  let c: RunningCandor;
  let key: string;
  let browser: Browser;
  let incidentId: string;
  let maintenanceId: string;
  const problems: string[] = [];

  async function open(): Promise<Page> {
    // A reader in New York, so the time-zone script has something to change.
    const page = await browser.newPage({ timezoneId: "America/New_York", locale: "en-GB" });
    await page.addInitScript(watchViolations);
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    return page;
  }

  /** Loads a page, checks its policy header, and returns it once loaded. */
  async function visit(page: Page, path: string, status = 200): Promise<void> {
    const res = await page.goto(`${c.baseUrl}${path}`);
    expect(res?.status(), path).toBe(status);
    const headers = res?.headers() ?? {};
    expect(headers["content-security-policy"], path).toMatch(/script-src 'sha256-/);
    expect(headers["content-security-policy"], path).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
  }

  async function violations(page: Page): Promise<string[]> {
    return page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  }

  /** The time-zone script ran: the footer names the reader's zone and the times carry the server's text as a title. */
  async function expectTimeZoneScriptRan(page: Page, path: string) {
    expect(await page.locator("#tz").textContent(), path).toBe("your time zone (America/New_York)");
    const rewritten = await page.locator("time[datetime][title]").count();
    expect(rewritten, `${path}: times rewritten`).toBeGreaterThan(0);
    expect(await page.locator("time[datetime]").first().textContent(), path).toMatch(/EST|EDT|GMT-[45]/);
  }

  beforeAll(async () => {
    dataDir = tempDir("candor-e2e-csp-");
    c = await startCandor({
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      PAGE_SHOW_RECORD: "on",
    });
    key = await c.adminKey();
    for (const body of [
      { slug: "api", name: "Public API" },
      { slug: "db", name: "Database" },
    ]) {
      expect((await api(c.baseUrl, "POST", "/api/v1/components", { key, body })).status).toBe(201);
    }
    const incident = await api(c.baseUrl, "POST", "/api/v1/incidents", {
      key,
      body: {
        title: "API errors",
        message: "We see errors.",
        components: { api: "partial_outage" },
        eta: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    expect(incident.status, incident.text).toBe(201);
    incidentId = incident.json.data.id;
    const hour = 3_600_000;
    const maintenance = await api(c.baseUrl, "POST", "/api/v1/maintenances", {
      key,
      body: {
        title: "Database upgrade",
        message: "We are upgrading the database.",
        components: ["db"],
        starts_at: new Date(Date.now() + hour).toISOString(),
        ends_at: new Date(Date.now() + 2 * hour).toISOString(),
      },
    });
    expect(maintenance.status, maintenance.text).toBe(201);
    maintenanceId = maintenance.json.data.id;
    browser = await launchChromium();
  }, startTimeout);

  afterAll(async () => {
    await browser?.close();
    await killAll();
    removeDir(dataDir);
  });
  beforeEach(() => {
    problems.length = 0;
  });

  it("Should run the status pages' time-zone script and report no CSP violation on any of them", async () => {
    const page = await open();
    try {
      for (const path of ["/", `/incidents/${incidentId}`, `/incidents/${maintenanceId}`, "/history", "/record"]) {
        await visit(page, path);
        expect(await violations(page), path).toEqual([]);
        await expectTimeZoneScriptRan(page, path);
      }
      // The banner and the cards rendered under the policy too.
      await visit(page, "/");
      expect(await page.locator("section.banner").count()).toBe(1);
      expect(await page.getByText("API errors").count()).toBeGreaterThan(0);
      expect(await page.getByText("Database upgrade").count()).toBeGreaterThan(0);
      expect(await violations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("Should report no CSP violation on the subscription and error pages, the form posts included", async () => {
    const page = await open();
    try {
      await visit(page, "/");
      expect(await violations(page)).toEqual([]);
      await page.fill("#email", "reader@example.com");
      await Promise.all([page.waitForURL(`${c.baseUrl}/subscribe`), page.click("form[action='/subscribe'] button")]);
      expect(await page.locator("h1").textContent()).toBe("Check your inbox");
      expect(await violations(page)).toEqual([]);
      await visit(page, "/subscribe/confirm/not-a-token", 404);
      expect(await violations(page)).toEqual([]);
      await visit(page, "/unsubscribe/not-a-token");
      await Promise.all([page.waitForLoadState("load"), page.click("form button")]);
      expect(await page.locator("h1").textContent()).toBe("This link does not work");
      expect(await violations(page)).toEqual([]);
      await visit(page, "/incidents/inc_missing", 404);
      expect(await violations(page)).toEqual([]);
      // Chromium reports a 404 document as a console error; CSP refusals are what matter here.
      expect(problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("Should run the API docs' Try it form under the policy, with no violation", async () => {
    const page = await open();
    try {
      await visit(page, "/docs");
      await page.fill("#token", key);
      const op = page.locator("details#get--api-v1-components");
      await op.locator("summary").first().click();
      await op.locator("button[type=submit]").click();
      await expect.poll(() => op.locator(".out").textContent()).toMatch(/^200 /);
      expect(await op.locator(".out").textContent()).toContain('"slug": "api"');
      expect(await violations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("Should send the headers from the socket fast path, on a hit, a 304 and a HEAD", async () => {
    const first = await fetch(`${c.baseUrl}/`);
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    const etag = first.headers.get("etag") as string;
    const policy = first.headers.get("content-security-policy");
    expect(policy).toMatch(/frame-ancestors 'self'/);
    for (const [what, init, status] of [
      ["hit", {}, 200],
      ["304", { headers: { "if-none-match": etag } }, 304],
      ["HEAD", { method: "HEAD" }, 200],
    ] as const) {
      const res = await fetch(`${c.baseUrl}/`, init);
      await res.arrayBuffer();
      expect(res.status, what).toBe(status);
      expect(res.headers.get("content-security-policy"), what).toBe(policy);
      expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("strict-transport-security"), what).toBeNull();
    }
  });
});
