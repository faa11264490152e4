// Every response carries nosniff and the referrer policy (and HSTS on https);
// every HTML page a Content-Security-Policy whose scripts are the templates'
// own, by hash. Checked on each kind of response: pages rendered and served
// from the cache (through the app and through the Node entry's front
// thread, which serves the cache's serving table), 304s, HEAD, JSON, errors, feeds and the API docs.
// That a browser runs the pages under this policy without a violation is in
// tests/e2e/csp.test.ts.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { publicCache } from "../../src/middleware/public-cache/index.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { type FrontHit, frontHit } from "../support/front-hit.ts";
import { readAnswer } from "../support/http.ts";

type HeaderSource = Headers | Record<string, string>;
const asHeaders = (h: HeaderSource) => (h instanceof Headers ? h : new Headers(h));

/** The CSP's directives by name. */
function directives(policy: string | null): Record<string, string> {
  const found: Record<string, string> = {};
  for (const part of (policy ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) found[name] = values.join(" ");
  }
  return found;
}

function expectCommon(source: HeaderSource, what: string, https = false) {
  const h = asHeaders(source);
  expect(h.get("x-content-type-options"), what).toBe("nosniff");
  expect(h.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  expect(h.get("strict-transport-security"), what).toBe(https ? "max-age=31536000" : null);
}

/** A page's headers: the common ones and a CSP that runs no script but the templates' own. */
function expectPage(source: HeaderSource, what: string, opts: { frameAncestors?: string; https?: boolean } = {}) {
  expectCommon(source, what, opts.https);
  const csp = directives(asHeaders(source).get("content-security-policy"));
  expect(csp["default-src"], what).toBe("'none'");
  expect(csp["script-src"], what).toMatch(/^('sha256-[A-Za-z0-9+/]{43}=' ?)+$/);
  expect(csp["frame-ancestors"], what).toBe(opts.frameAncestors ?? "'self'");
  expect(csp["base-uri"], what).toBe("'none'");
  expect(csp["form-action"], what).toBe("'self'");
  return csp;
}

/** Every inline script in the HTML is allowed by the CSP's hashes. */
function expectScriptsAllowed(html: string, source: HeaderSource, what: string) {
  const allowed = directives(asHeaders(source).get("content-security-policy"))["script-src"].split(" ");
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  for (const text of scripts) {
    expect(allowed, what).toContain(`'sha256-${createHash("sha256").update(text).digest("base64")}'`);
  }
  return scripts.length;
}

/** A second app over the test's database with a cache, and what the Node entry's front thread answers from it. */
function withLookup(t: TestApp) {
  const cache = publicCache({ versionTtlMs: 60_000 });
  const app = createApp({ db: t.db, config: t.config, clock: t.clock.read, publicCache: cache });
  const lookup = (path: string, init: { method?: string; ifNoneMatch?: string } = {}): FrontHit | null =>
    frontHit(cache, path, { ...init, acceptEncoding: "gzip" }, t.clock.read().getTime());
  return { app, lookup };
}

/** An app with an open incident on a component and a maintenance, so banners, cards and times render. */
async function startWithContent(kind: (typeof databaseKinds)[number], env: Record<string, string> = {}) {
  const t = await startTestApp(kind, env);
  await t.call("POST", "/api/v1/components", { slug: "db", name: "Database" });
  const incident = await t.declare({ components: { db: "partial_outage" } });
  await t.scheduleMaintenance({ starts_at: t.clock.in(3_600_000), ends_at: t.clock.in(7_200_000) });
  return { t, incidentId: incident.id };
}

describe.each(databaseKinds)("security headers on %s", (kind) => {
  it("Should send the page CSP and the common headers on every HTML page, allowing each script it holds", async () => {
    const { t, incidentId } = await startWithContent(kind);
    try {
      const pages = [
        "/",
        `/incidents/${incidentId}`,
        "/history",
        "/docs",
        "/incidents/inc_missing",
        "/subscribe/confirm/not-a-token",
        "/unsubscribe/not-a-token",
      ];
      // The time-zone script on the status pages, the "Try it" script on /docs.
      const scripted = new Set(pages.slice(0, 4));
      for (const path of pages) {
        const res = await readAnswer(await t.app.request(path));
        expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
        expectPage(res.headers, path);
        const scripts = expectScriptsAllowed(res.text, res.headers, path);
        if (scripted.has(path)) expect(scripts, path).toBe(1);
      }
      const form = await readAnswer(
        await t.app.request("/subscribe", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "email=someone%40example.com",
        }),
      );
      expect(form.status).toBe(202);
      expectPage(form.headers, "POST /subscribe");
    } finally {
      await t.close();
    }
  });

  it("Should serve the headers from the cache: a hit, a 304 and a HEAD, through the app and the socket fast path", async () => {
    const { t, incidentId } = await startWithContent(kind);
    try {
      const { app, lookup } = withLookup(t);
      for (const path of ["/", `/incidents/${incidentId}`, "/history", "/history.rss", "/api/v2/summary.json"]) {
        const html = !path.includes(".");
        const check = (h: HeaderSource, what: string) =>
          html ? expectPage(h, `${path} ${what}`) : expectCommon(h, `${path} ${what}`);
        const first = await app.request(path);
        expect(first.status, path).toBe(200);
        check(first.headers, "render");
        const etag = first.headers.get("etag") as string;
        expect(etag, path).toBeTruthy();
        const hit = await app.request(path);
        check(hit.headers, "app hit");
        const notModified = await app.request(path, { headers: { "if-none-match": etag } });
        expect(notModified.status, path).toBe(304);
        check(notModified.headers, "app 304");
        const head = await app.request(path, { method: "HEAD" });
        expect(head.status, path).toBe(200);
        check(head.headers, "app HEAD");

        const fast = lookup(path);
        expect(fast?.status, `${path} fast path`).toBe(200);
        check((fast as FrontHit).headers, "fast hit");
        const fast304 = lookup(path, { ifNoneMatch: etag });
        expect(fast304?.status, path).toBe(304);
        check((fast304 as FrontHit).headers, "fast 304");
        const fastHead = lookup(path, { method: "HEAD" });
        expect(fastHead?.body, path).toBeNull();
        check((fastHead as FrontHit).headers, "fast HEAD");
      }
    } finally {
      await t.close();
    }
  });

  it("Should send nosniff and the referrer policy, and no page CSP, on JSON, feeds and errors", async () => {
    const t = await startTestApp(kind);
    try {
      const cases: [string, RequestInit | undefined, number][] = [
        ["/api/v1/incidents", { headers: { authorization: `Bearer ${"test-admin-token-0123456789"}` } }, 200],
        ["/api/v1/incidents", undefined, 401],
        ["/api/v1/openapi.json", undefined, 200],
        ["/api/v2/status.json", undefined, 200],
        ["/feed.atom", undefined, 200],
        ["/healthz", undefined, 200],
        ["/no-such-page", undefined, 404],
        ["/x%00y", undefined, 400],
        ["/api/v1/incidents", { method: "POST", headers: { "content-type": "application/json" }, body: "{" }, 401],
      ];
      for (const [path, init, status] of cases) {
        const res = await t.app.request(path, init);
        const what = `${init?.method ?? "GET"} ${path}`;
        expect(res.status, what).toBe(status);
        expectCommon(res.headers, what);
        expect(res.headers.get("content-security-policy"), what).toBeNull();
      }
      const bad = await t.call("POST", "/api/v1/incidents", { title: 5 });
      expect(bad.status).toBe(400);
      expectCommon(bad.headers, "a 400 from the validator");
    } finally {
      await t.close();
    }
  });

  it("Should send HSTS on every response when PUBLIC_URL is https, and frame-ancestors from PAGE_FRAME_ANCESTORS", async () => {
    const t = await startTestApp(kind, {
      PUBLIC_URL: "https://status.example.com",
      PAGE_FRAME_ANCESTORS: "'self' https://intranet.example.com",
      PAGE_LOGO_URL: "https://cdn.example.net/logo.svg",
    });
    try {
      const { app, lookup } = withLookup(t);
      const page = await app.request("/");
      const csp = expectPage(page.headers, "/", {
        https: true,
        frameAncestors: "'self' https://intranet.example.com",
      });
      expect(csp["img-src"]).toBe("'self' data: https://cdn.example.net");
      expectPage((lookup("/") as FrontHit).headers, "/ fast path", {
        https: true,
        frameAncestors: "'self' https://intranet.example.com",
      });
      for (const path of ["/api/v1/incidents", "/api/v2/summary.json", "/nope"]) {
        expectCommon((await app.request(path)).headers, path, true);
      }
    } finally {
      await t.close();
    }
  });
});
