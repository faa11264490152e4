// End to end: the real process started as the README says (`npm start`),
// spoken to over real HTTP, stopped with SIGTERM, started again on the same
// data; then the pages in headless Chromium. Every test owns the processes it
// starts, and every process group is killed afterwards, passed or failed.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { formatTime } from "../../src/render/time.ts";
import {
  adminKeyLine,
  api,
  isAlive,
  killAll,
  logLines,
  processesInGroup,
  type RunningCandor,
  removeDir,
  repoRoot,
  spawnCandor,
  startCandor,
  stopGracefully,
  tempDir,
} from "../support/candor-process.ts";
import { freePort } from "../support/postgres-server.ts";
import { launchChromium } from "../support/servers.ts";

const startTimeout = 120_000;

afterAll(killAll);

/** Stops with SIGTERM and checks that Candor shut down cleanly and nothing of it is left running. */
async function stopAndCheck(c: RunningCandor) {
  const exit = await stopGracefully(c.proc);
  expect(exit, c.proc.stderr()).toMatchObject({ code: 0, signal: null });
  expect(c.proc.stdout()).toContain("SIGTERM received, shutting down");
  expect(isAlive(exit.nodePid)).toBe(false);
  expect(processesInGroup(c.proc.pgid)).toEqual([]);
}

describe("npm start on embedded PGlite", () => {
  const dirs: string[] = [];
  /** A data directory of the test's own, removed after the describe. */
  const dataDirOfItsOwn = (prefix = "candor-e2e-") => {
    const dir = tempDir(prefix);
    dirs.push(dir);
    return dir;
  };
  afterEach(killAll);
  afterAll(() => {
    for (const dir of dirs) removeDir(dir);
  });

  /**
   * A first start on `dataDir` that leaves one resolved incident on the api
   * component behind and stops; returns the admin key and the incident's id.
   */
  async function firstStartWithAnIncident(dataDir: string) {
    const c = await startCandor({ PORT: String(await freePort()), HOST: "127.0.0.1", DATA_DIR: dataDir });
    const key = await c.adminKey();
    const url = c.baseUrl;
    const component = await api(url, "POST", "/api/v1/components", { key, body: { slug: "api", name: "Public API" } });
    expect(component.status, component.text).toBe(201);
    const declared = await api(url, "POST", "/api/v1/incidents", {
      key,
      body: { title: "Elevated API errors", message: "We are investigating.", components: { api: "major_outage" } },
    });
    expect(declared.status, declared.text).toBe(201);
    const incidentId: string = declared.json.data.id;
    for (const body of [
      { status: "identified", message: "A bad deploy; rolling back.", next_update_in: "PT15M" },
      { status: "resolved", message: "Rolled back; errors are gone.", components: { api: "operational" } },
    ]) {
      const res = await api(url, "POST", `/api/v1/incidents/${incidentId}/updates`, { key, body });
      expect(res.status, res.text).toBe(201);
    }
    await stopAndCheck(c);
    return { key, incidentId };
  }

  it(
    "Should start fresh, print the admin key once, serve the API over HTTP and stop cleanly on SIGTERM",
    async () => {
      const dataDir = dataDirOfItsOwn();
      const port = await freePort();
      const c = await startCandor({ PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir });
      expect(c.baseUrl).toBe(`http://127.0.0.1:${port}`);
      expect(c.proc.stdout()).toContain(`with embedded PGlite in ${join(dataDir, "pglite")}, ready in`);
      // A first start copies the build's migrated data directory rather than running initdb.
      expect(c.proc.stdout()).toContain("new PGlite data directory, copied from the build's template");
      expect(logLines(c.proc.stdout())).toContainEqual(
        expect.objectContaining({
          statusPage: `http://localhost:${port}/`,
          apiDocs: `http://localhost:${port}/docs`,
        }),
      );
      const key = await c.adminKey();
      expect(key).toMatch(/^cnd_\S{16,}$/);
      const url = c.baseUrl;

      expect(await api(url, "GET", "/healthz")).toMatchObject({ status: 200, json: { status: "ok" } });
      expect(await api(url, "GET", "/readyz")).toMatchObject({
        status: 200,
        json: {
          status: "ready",
          checks: { database: "ok", migrations: "current", engine: "running" },
          details: { engine: { last_pass_age_seconds: expect.any(Number) }, deliveries: { dead: 0 } },
        },
      });

      const noKey = await api(url, "GET", "/api/v1/incidents");
      expect(noKey.status).toBe(401);
      expect(noKey.json.error.code).toBe("UNAUTHORIZED");
      expect((await api(url, "GET", "/api/v1/incidents", { key: "cnd_not_a_real_key" })).status).toBe(401);
      expect((await api(url, "POST", "/api/v1/components", { body: { slug: "x", name: "X" } })).status).toBe(401);

      const component = await api(url, "POST", "/api/v1/components", {
        key,
        body: { slug: "api", name: "Public API" },
      });
      expect(component.status, component.text).toBe(201);
      expect(component.json.data).toMatchObject({ slug: "api", name: "Public API", status: "operational" });

      const declared = await api(url, "POST", "/api/v1/incidents", {
        key,
        body: {
          title: "Elevated API errors",
          message: "We are investigating errors on the API.",
          components: { api: "major_outage" },
          next_update_in: "PT30M",
        },
      });
      expect(declared.status, declared.text).toBe(201);
      expect(declared.json.data).toMatchObject({
        title: "Elevated API errors",
        status: "investigating",
        impact: "critical",
        resolved_at: null,
        url: `http://localhost:${port}/incidents/${declared.json.data.id}`,
        components: [{ slug: "api", name: "Public API", status: "major_outage" }],
      });
      const incidentId = declared.json.data.id;
      expect((await api(url, "GET", "/api/v1/components", { key })).json.data[0].status).toBe("major_outage");

      const update = await api(url, "POST", `/api/v1/incidents/${incidentId}/updates`, {
        key,
        body: { status: "identified", message: "A bad deploy; rolling back.", next_update_in: "PT15M" },
      });
      expect(update.status, update.text).toBe(201);
      expect(update.json.data).toMatchObject({ status: "identified", message: "A bad deploy; rolling back." });
      expect(update.json.incident.status).toBe("identified");

      const resolved = await api(url, "POST", `/api/v1/incidents/${incidentId}/updates`, {
        key,
        body: { status: "resolved", message: "Rolled back; errors are gone.", components: { api: "operational" } },
      });
      expect(resolved.status, resolved.text).toBe(201);
      expect(resolved.json.incident.status).toBe("resolved");
      expect(resolved.json.incident.resolved_at).not.toBeNull();

      const list = await api(url, "GET", "/api/v1/incidents", { key });
      expect(list.status).toBe(200);
      expect(list.json.data).toHaveLength(1);
      expect(list.json.data[0]).toMatchObject({ id: incidentId, status: "resolved" });
      expect(list.json.data[0].latest_update.message).toBe("Rolled back; errors are gone.");
      expect((await api(url, "GET", "/api/v1/incidents?state=open", { key })).json.data).toEqual([]);
      expect((await api(url, "GET", "/api/v1/components", { key })).json.data[0].status).toBe("operational");

      const page = await fetch(`${url}/incidents/${incidentId}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Elevated API errors");

      await stopAndCheck(c);
      expect(existsSync(join(dataDir, "pglite", "PG_VERSION"))).toBe(true);
    },
    startTimeout,
  );

  it(
    "Should reuse the data on a second start: no new admin key, the earlier key and incident still there",
    async () => {
      const dataDir = dataDirOfItsOwn("candor-e2e-restart-");
      const { key, incidentId } = await firstStartWithAnIncident(dataDir);
      const port = await freePort();
      const c = await startCandor({ PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir });
      const url = c.baseUrl;

      expect((await api(url, "GET", "/readyz")).status).toBe(200);
      const list = await api(url, "GET", "/api/v1/incidents", { key });
      expect(list.status, list.text).toBe(200);
      expect(list.json.data.map((i: { id: string }) => i.id)).toEqual([incidentId]);
      const incident = await api(url, "GET", `/api/v1/incidents/${incidentId}`, { key });
      expect(incident.json.data.status).toBe("resolved");
      expect(incident.json.data.updates.map((u: { status: string }) => u.status)).toEqual([
        "resolved",
        "identified",
        "investigating",
      ]);
      const components = await api(url, "GET", "/api/v1/components", { key });
      expect(components.json.data.map((x: { slug: string }) => x.slug)).toEqual(["api"]);
      // The key still writes, too.
      const again = await api(url, "POST", "/api/v1/components", { key, body: { slug: "web", name: "Website" } });
      expect(again.status, again.text).toBe(201);

      await stopAndCheck(c);
      // Checked after exit, when all output has been read.
      expect(c.proc.stdout()).toContain("Candor listening on");
      expect(c.proc.stdout()).not.toMatch(adminKeyLine);
      expect(c.proc.stdout()).not.toContain("Admin API key");
    },
    // Two starts: the first one its own, then the restart it checks.
    2 * startTimeout,
  );

  it(
    "Should exit 1 with one line on stderr naming PORT when PORT is not a number",
    async () => {
      const dir = tempDir("candor-e2e-bad-");
      try {
        // --silent keeps npm's own log lines (such as its warnings about this
        // machine's npmrc) off stderr, so stderr holds only what Candor printed.
        const viaNpm = spawnCandor({ PORT: "abc", HOST: "127.0.0.1", DATA_DIR: dir }, ["npm", "start", "--silent"]);
        expect(await viaNpm.exited).toEqual({ code: 1, signal: null });
        expect(viaNpm.stderr()).toMatch(/^Invalid environment variable PORT: [^\n]+\n$/);
        expect(viaNpm.stdout()).not.toContain("Candor listening");

        // And node itself, without npm in between.
        const node = join(repoRoot, "node_modules", ".bin", "node");
        const direct = spawnCandor({ PORT: "abc", DATA_DIR: dir }, [node, "dist/node.mjs"]);
        expect(await direct.exited).toEqual({ code: 1, signal: null });
        expect(direct.stderr()).toBe(viaNpm.stderr());
        expect(direct.stdout()).toBe("");

        const badZone = spawnCandor({ PAGE_TIMEZONE: "Mars/Olympus_Mons", DATA_DIR: dir }, [node, "dist/node.mjs"]);
        expect(await badZone.exited).toEqual({ code: 1, signal: null });
        expect(badZone.stderr()).toMatch(/^Invalid environment variable PAGE_TIMEZONE: [^\n]+\n$/);

        // It failed before touching the data directory.
        expect(existsSync(join(dir, "pglite"))).toBe(false);
      } finally {
        removeDir(dir);
      }
    },
    startTimeout,
  );
});

describe("npm start on a real Postgres server with an empty database", () => {
  const name = `e2e_${process.pid}_${Date.now().toString(36)}`;
  let admin: postgres.Sql;
  let databaseUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    admin = postgres(inject("postgresAdminUrl"), { max: 1, onnotice: () => {} });
    // Empty on purpose (no template): the process must apply the migrations itself.
    await admin.unsafe(`create database ${name}`);
    databaseUrl = inject("postgresAdminUrl").replace(/\/postgres$/, `/${name}`);
    dataDir = tempDir("candor-e2e-pg-");
  });
  afterEach(killAll);
  afterAll(async () => {
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
    removeDir(dataDir);
  });

  it(
    "Should migrate the empty database, be ready, and declare an incident",
    async () => {
      const port = await freePort();
      const c = await startCandor({
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
      });
      expect(c.proc.stdout()).toContain("with Postgres (DATABASE_URL), ready in");
      const key = await c.adminKey();
      const url = c.baseUrl;

      expect(await api(url, "GET", "/readyz")).toMatchObject({
        status: 200,
        json: { status: "ready", checks: { database: "ok", migrations: "current" } },
      });
      expect(
        (await api(url, "POST", "/api/v1/components", { key, body: { slug: "db", name: "Database" } })).status,
      ).toBe(201);
      const declared = await api(url, "POST", "/api/v1/incidents", {
        key,
        body: {
          title: "Slow queries",
          message: "Queries are slow; looking into it.",
          components: { db: "degraded_performance" },
          next_update_in: "PT20M",
        },
      });
      expect(declared.status, declared.text).toBe(201);
      expect(declared.json.data).toMatchObject({ status: "investigating", impact: "minor" });
      const list = await api(url, "GET", "/api/v1/incidents?state=open", { key });
      expect(list.json.data.map((i: { id: string }) => i.id)).toEqual([declared.json.data.id]);

      // The rows are in that Postgres database, not in a PGlite dir.
      const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      try {
        const [row] = await db`select count(*)::int as n from incidents`;
        expect(row.n).toBe(1);
      } finally {
        await db.end();
      }
      expect(existsSync(join(dataDir, "pglite"))).toBe(false);

      await stopAndCheck(c);
    },
    startTimeout,
  );
});

describe("the pages in headless Chromium", () => {
  let dataDir: string;
  let c: RunningCandor;
  let key: string;
  let browser: Browser;
  let page: Page;
  /** Console errors and uncaught exceptions from every page this block opens, emptied before each test. */
  const problems: string[] = [];
  /**
   * A page that reports its problems. Chromium's own HTTP cache is off: the
   * pages say max-age=10, and these tests read each page right after a change.
   */
  async function open(options: Parameters<Browser["newPage"]>[0]): Promise<Page> {
    const p = await browser.newPage(options);
    p.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
    });
    p.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    const cdp = await p.context().newCDPSession(p);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    return p;
  }
  const shots = join(repoRoot, "test-results");
  const hhmm = (d: Date) => d.toISOString().slice(11, 16);

  /** Declares an incident of the test's own (a title no other test uses) and returns it as the API answered. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
  async function declare(body: Record<string, unknown>): Promise<any> {
    const res = await api(c.baseUrl, "POST", "/api/v1/incidents", { key, body });
    expect(res.status, res.text).toBe(201);
    return res.json.data;
  }

  /**
   * The banner sums up the whole page, whatever any test left on it: a test
   * that reads it from a calm start first resolves every open incident and
   * sets every component back to operational.
   */
  async function calm() {
    const open = await api(c.baseUrl, "GET", "/api/v1/incidents?state=open&limit=100", { key });
    expect(open.status, open.text).toBe(200);
    for (const { id } of open.json.data as { id: string }[]) {
      const res = await api(c.baseUrl, "POST", `/api/v1/incidents/${id}/updates`, {
        key,
        body: { status: "resolved", message: "Resolved before another test." },
      });
      expect(res.status, res.text).toBe(201);
    }
    const components = await api(c.baseUrl, "GET", "/api/v1/components", { key });
    for (const { slug, status } of components.json.data as { slug: string; status: string }[]) {
      if (status === "operational") continue;
      const res = await api(c.baseUrl, "PATCH", `/api/v1/components/${slug}`, { key, body: { status: "operational" } });
      expect(res.status, res.text).toBe(200);
    }
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    dataDir = tempDir("candor-e2e-page-");
    c = await startCandor({
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      PAGE_NAME: "Acme Status",
    });
    key = await c.adminKey();
    for (const body of [
      { slug: "api", name: "Public API", group: "Platform" },
      { slug: "web", name: "Website", group: "Platform" },
      { slug: "mail", name: "Email delivery" },
    ]) {
      const res = await api(c.baseUrl, "POST", "/api/v1/components", { key, body });
      expect(res.status, res.text).toBe(201);
    }
    browser = await launchChromium();
    // UTC like the page, so the times read as the server wrote them.
    page = await open({ timezoneId: "UTC", locale: "en-GB" });
  }, startTimeout);

  afterAll(async () => {
    await browser?.close();
    await killAll();
    removeDir(dataDir);
  });
  // Each test answers for the problems its own pages report.
  beforeEach(() => {
    problems.length = 0;
  });

  it("Should show the banner and the components on /, and the outage once a component is partly down", async () => {
    await calm();
    await page.goto(`${c.baseUrl}/`);
    const banner = page.locator("section.banner .label");
    expect(await banner.textContent()).toBe("All Systems Operational");
    expect(await page.title()).toBe("All Systems Operational · Acme Status");

    const patched = await api(c.baseUrl, "PATCH", "/api/v1/components/api", {
      key,
      body: { status: "partial_outage" },
    });
    expect(patched.status, patched.text).toBe(200);

    await page.reload();
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toBe("Partial Outage");
    const platform = page.locator("table.h", { has: page.locator("caption", { hasText: "Platform" }) });
    expect(await platform.isVisible()).toBe(true);
    // Rendered text (innerText): name and status laid out apart, the status with its shape.
    expect(await platform.locator("th", { hasText: "Public API" }).innerText()).toBe("Public API\n◆Partial outage");
    expect(await platform.locator("th", { hasText: "Website" }).innerText()).toBe("Website\n✓Operational");
    expect(await page.locator("th", { hasText: "Email delivery" }).innerText()).toBe("Email delivery\n✓Operational");
    expect(problems).toEqual([]);
  });

  it("Should show an active incident with its ETA and next update, and its day in the history bar", async () => {
    // The only test that declares on the API component, so its day cell names this incident alone.
    const eta = new Date(Date.now() + 90 * 60_000);
    const declared = await declare({
      title: "Elevated API errors",
      message: "Some requests fail with 503; we are looking into it.",
      components: { api: "major_outage" },
      eta: eta.toISOString(),
      next_update_in: "PT20M",
    });
    const nextUpdate = new Date(declared.next_update_due_at);

    await page.goto(`${c.baseUrl}/`);
    expect(await page.locator("section.banner .label").textContent()).toBe("Major Outage");
    const card = page.locator("article.incident", { has: page.getByRole("link", { name: "Elevated API errors" }) });
    expect(await card.getByRole("link", { name: "Elevated API errors" }).isVisible()).toBe(true);
    const words = await card.innerText();
    expect(words).toContain("Some requests fail with 503; we are looking into it.");
    expect(words).toContain(`We expect service back by ${hhmm(eta)} UTC.`);
    expect(words).toContain(`Next update by ${hhmm(nextUpdate)} UTC.`);

    // Today's cell for the API: named for readers of any kind, its incident shown on focus with CSS alone.
    const today = page.locator("th", { hasText: "Public API" }).locator("xpath=..").locator("td").last();
    const popup = today.locator("div");
    // Until then it is there for screen readers only: clipped to a pixel.
    expect((await popup.boundingBox())?.width).toBeLessThanOrEqual(1);
    await today.focus();
    expect((await popup.boundingBox())?.width).toBeGreaterThan(100);
    expect(await popup.getByRole("link", { name: "Elevated API errors" }).isVisible()).toBe(true);
    const snapshot = await page
      .locator("table.h", { has: page.locator("caption", { hasText: "Platform" }) })
      .ariaSnapshot();
    expect(snapshot).toMatch(/cell "\d{1,2} \w{3,4} \d{4}: No incidents"/);
    expect(snapshot).toMatch(/cell "\d{1,2} \w{3,4} \d{4} \(today\): Major outage Elevated API errors"/);
    // An empty day shows its date and "No incidents" on hover.
    const quiet = page.locator("th", { hasText: "Website" }).locator("xpath=..").locator("td").first();
    await quiet.hover();
    const hovered = await quiet.evaluate((el) => getComputedStyle(el, "::before").clipPath);
    expect(hovered).toBe("none");

    await page.screenshot({ path: join(shots, "status-page.png"), fullPage: true });
    expect(statSync(join(shots, "status-page.png")).size).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
  });

  it("Should render the dark theme from prefers-color-scheme", async () => {
    // An outage of its own, so the page it paints shows one.
    await declare({
      title: "Website unreachable",
      message: "The website does not load.",
      components: { web: "major_outage" },
    });
    const dark = await open({ timezoneId: "UTC", colorScheme: "light" });
    try {
      await dark.goto(`${c.baseUrl}/`);
      const colours = () =>
        dark.evaluate(() => {
          const body = getComputedStyle(document.body);
          return [body.backgroundColor, body.color];
        });
      expect(await colours()).toEqual(["rgb(255, 255, 255)", "rgb(31, 35, 40)"]);
      await dark.emulateMedia({ colorScheme: "dark" });
      expect(await colours()).toEqual(["rgb(13, 17, 23)", "rgb(230, 237, 243)"]);
      expect(await dark.locator("section.banner .label").textContent()).toBe("Major Outage");
      await dark.screenshot({ path: join(shots, "status-page-dark.png"), fullPage: true });
      expect(statSync(join(shots, "status-page-dark.png")).size).toBeGreaterThan(10_000);
    } finally {
      await dark.close();
    }
    expect(problems).toEqual([]);
  });

  it("Should open the incident page with its timeline and promise, and show times in the reader's zone", async () => {
    const eta = new Date(Date.now() + 90 * 60_000);
    const { id: incidentId } = await declare({
      title: "Slow dashboard",
      message: "The dashboard takes long to load; we are looking into it.",
      eta: eta.toISOString(),
      next_update_in: "PT20M",
    });
    await page.goto(`${c.baseUrl}/`);
    await page.getByRole("link", { name: "Slow dashboard" }).first().click();
    await page.waitForURL(`${c.baseUrl}/incidents/${incidentId}`);
    expect(await page.locator("h1").textContent()).toBe("Slow dashboard");
    const main = await page.locator("main").innerText();
    expect(main).toContain(`We expect service back by ${hhmm(eta)} UTC.`);
    expect(main).toContain("Investigating");
    expect(main).toContain("By the team");

    // Another reader in New York: the small script rewrites <time> to their zone, and says so.
    const ny = await open({ timezoneId: "America/New_York", locale: "en-US" });
    try {
      await ny.goto(`${c.baseUrl}/incidents/${incidentId}`);
      const local = new Intl.DateTimeFormat("en-GB", {
        timeZone: "America/New_York",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZoneName: "short",
      }).format(eta);
      expect(await ny.locator("main").innerText()).toContain(`We expect service back by ${local}.`);
      expect(await ny.locator("footer").innerText()).toContain("Times are shown in your time zone (America/New_York).");
    } finally {
      await ny.close();
    }

    // Unknown incidents get a 404 page (fetched, not browsed: Chromium logs any 404 to the console).
    const missing = await fetch(`${c.baseUrl}/incidents/inc_nosuchincident00`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("Incident not found");
    expect(problems).toEqual([]);
  });

  it("Should subscribe from the form on / and show the confirmation page", async () => {
    await page.goto(`${c.baseUrl}/`);
    await page.getByLabel("Email address").fill("reader@example.org");
    await page.getByRole("checkbox", { name: "Public API" }).check();
    await Promise.all([
      page.waitForURL(`${c.baseUrl}/subscribe`),
      page.getByRole("button", { name: "Subscribe" }).click(),
    ]);
    expect(await page.locator("h1").textContent()).toBe("Check your inbox");
    expect(await page.locator("main").innerText()).toContain("we've sent it an email with a link to confirm");
    expect(problems).toEqual([]);
  });

  it("Should list the incident on /history", async () => {
    await declare({ title: "Delayed webhooks", message: "Webhooks arrive late." });
    await page.goto(`${c.baseUrl}/history`);
    const month = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" }).format(
      new Date(),
    );
    expect(await page.locator("main h2").first().textContent()).toBe(month);
    expect(await page.getByRole("link", { name: "Delayed webhooks" }).isVisible()).toBe(true);
    expect(await page.locator("nav a[aria-current=page]").textContent()).toBe("History");
    expect(problems).toEqual([]);
  });

  it("Should show scheduled maintenance on / with its title, status and window in the reader's zone", async () => {
    // Whole minutes, three hours ahead: announced, not yet started (the reminder is two hours off).
    const startsAt = new Date(Math.ceil((Date.now() + 3 * 3_600_000) / 60_000) * 60_000);
    const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
    const scheduled = await api(c.baseUrl, "POST", "/api/v1/maintenances", {
      key,
      body: {
        title: "Mail server upgrade",
        message: "We are upgrading the mail servers.",
        components: ["mail"],
        starts_at: startsAt.toISOString(),
        ends_at: endsAt.toISOString(),
      },
    });
    expect(scheduled.status, scheduled.text).toBe(201);

    // A reader in New York: the page's script rewrites the window's <time> elements to their zone.
    const ny = await open({ timezoneId: "America/New_York", locale: "en-US" });
    try {
      await ny.goto(`${c.baseUrl}/`);
      const section = ny.locator('section[aria-labelledby="maintenance"]');
      expect(await section.isVisible()).toBe(true);
      expect(await section.getByRole("heading", { level: 2 }).textContent()).toBe("Maintenance");
      const card = section.locator("article", { has: ny.getByRole("link", { name: "Mail server upgrade" }) });
      expect(await card.getByRole("link", { name: "Mail server upgrade" }).isVisible()).toBe(true);
      // The page says UTC; the end names its date only when the window crosses midnight there.
      const acrossDays = startsAt.toISOString().slice(0, 10) !== endsAt.toISOString().slice(0, 10);
      const local = (at: Date, withDate: boolean) =>
        new Intl.DateTimeFormat("en-GB", {
          timeZone: "America/New_York",
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
          timeZoneName: "short",
          ...(withDate ? { day: "numeric", month: "short", year: "numeric" } : {}),
        }).format(at);
      const words = await card.innerText();
      expect(words).toContain(`◷Scheduled maintenance · ${local(startsAt, true)} to ${local(endsAt, acrossDays)}`);
      expect(words).toContain("Affects: Email delivery");
      expect(words).toContain("We are upgrading the mail servers.");
      // What the server wrote stays as the tooltip.
      const times = card.locator("p", { hasText: "Scheduled maintenance" }).locator("time");
      expect(await times.first().getAttribute("title")).toBe(formatTime(startsAt, "UTC", true));
      expect(await times.nth(1).getAttribute("title")).toBe(formatTime(endsAt, "UTC", acrossDays));
      expect(await ny.locator("footer").innerText()).toContain("Times are shown in your time zone (America/New_York).");
      // Announced work leaves the banner and the component alone until it starts.
      expect(await ny.locator("th", { hasText: "Email delivery" }).innerText()).toBe("Email delivery\n✓Operational");
    } finally {
      await ny.close();
    }
    expect(problems).toEqual([]);
  });

  it("Should send GET /api/v1/components from /docs with the key typed in", async () => {
    await page.goto(`${c.baseUrl}/docs`);
    const op = page.locator("details.op#get--api-v1-components");
    const summary = op.locator(":scope > summary");
    expect(await summary.innerText()).toMatch(/^GET\s+\/api\/v1\/components\s+· List components$/);
    expect(await op.getAttribute("open")).toBeNull();
    await summary.click();
    expect(await op.getAttribute("open")).not.toBeNull();

    const send = op.getByRole("button", { name: "Send" });
    const out = op.locator("pre.out");
    // Without a key the API says 401, so the 200 below is the typed key at work.
    const noKey = problems.length;
    await send.click();
    await out.filter({ hasText: /^401\b/ }).waitFor();
    // Chromium logs the 401 it was asked to fetch: that one is expected.
    for (const logged of problems.splice(noKey)) expect(logged).toMatch(/401/);

    await page.locator("#token").fill(key);
    await send.click();
    await out.filter({ hasText: /^200\b/ }).waitFor();
    const shown = (await out.textContent()) ?? "";
    expect(shown).toMatch(/^200 OK\n/);
    expect(shown).toContain('"name": "Public API"');
    expect(await out.isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});
