// End to end on Cloudflare Workers' runtime: `wrangler dev` (workerd, local
// mode) serving src/entry/worker.ts against a database of its own on the
// tests' Postgres server (through the Hyperdrive binding's local connection
// string), with SMTP_URL at a real SMTP sink and TWITTER_API_URL at the fake
// X server, both in this process. Cron passes are triggered by hand through
// /__scheduled (--test-scheduled). Also: the offline deploy build and its size.
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeX, fakeXCredentials, startFakeX } from "../../scripts/fake-x/server.ts";
import {
  api,
  type CandorProcess,
  killGroup,
  removeDir,
  repoRoot,
  spawnCandor,
  tempDir,
  waitFor,
} from "../support/candor-process.ts";
import { openTestDatabase } from "../support/db.ts";
import { freePort } from "../support/postgres-server.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";

const adminToken = "e2e-worker-admin-token-0123456789";
const metricsToken = "e2e-worker-metrics-token-0123456789";
const node = join(repoRoot, "node_modules/.bin/node");
const wrangler = join(repoRoot, "node_modules/wrangler/bin/wrangler.js");
/** Offline: no Cloudflare account, no telemetry, no fetch of the request.cf data. */
const offline = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true" };

describe("the Workers build", () => {
  it("Should build offline with wrangler deploy --dry-run, under 1 MiB minified", () => {
    const out = tempDir("candor-worker-build-");
    try {
      const result = spawnSync(
        node,
        [wrangler, "deploy", "--dry-run", "--outdir", out, "--minify", "--metafile", join(out, "meta.json")],
        { cwd: repoRoot, env: { ...process.env, ...offline }, encoding: "utf8", timeout: 60_000 },
      );
      expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
      const bundle = join(out, "worker.js");
      const size = statSync(bundle).size;
      expect(size).toBeLessThan(1024 * 1024);
      // Node-only code stays out: the embedded database and the file system outbox.
      const inputs = Object.keys(JSON.parse(readFileSync(join(out, "meta.json"), "utf8")).inputs);
      expect(inputs.filter((f) => /pglite|open-node|entry\/node/.test(f))).toEqual([]);
      expect(gzipSync(readFileSync(bundle)).length).toBeLessThan(size / 2);
    } finally {
      removeDir(out);
    }
  });
});

describe("Candor in wrangler dev (workerd) on Postgres", () => {
  let proc: CandorProcess;
  let base: string;
  let fake: FakeX;
  let sink: SmtpSink;
  let sql: postgres.Sql;
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  const dirs: string[] = [];
  const call = (method: string, path: string, body?: unknown) => api(base, method, path, { key: adminToken, body });
  /** Runs one cron pass, as Cloudflare would each minute. */
  const cronPass = async () => {
    const res = await fetch(`${base}/__scheduled?cron=*+*+*+*+*`);
    expect(res.status).toBe(200);
    await res.text();
  };
  /**
   * The banner sums up the whole page, whatever another test left on it: a
   * test that reads it from a calm start first completes any maintenance in
   * progress, resolves every open incident and sets every component back to operational.
   */
  const calm = async () => {
    const active = await call("GET", "/api/v1/maintenances?state=active");
    expect(active.status, active.text).toBe(200);
    for (const { id } of active.json.data as { id: string }[]) {
      const res = await call("POST", `/api/v1/maintenances/${id}/complete`);
      expect(res.status, res.text).toBe(200);
    }
    const open = await call("GET", "/api/v1/incidents?state=open&limit=100");
    expect(open.status, open.text).toBe(200);
    for (const { id } of open.json.data as { id: string }[]) {
      const res = await call("POST", `/api/v1/incidents/${id}/updates`, {
        status: "resolved",
        message: "Resolved before another test.",
      });
      expect(res.status, res.text).toBe(201);
    }
    for (const { slug, status } of (await call("GET", "/api/v1/components")).json.data as {
      slug: string;
      status: string;
    }[]) {
      if (status !== "operational") {
        const res = await call("PATCH", `/api/v1/components/${slug}`, { status: "operational" });
        expect(res.status, res.text).toBe(200);
      }
    }
  };

  beforeAll(async () => {
    fake = await startFakeX();
    sink = await startSmtpSink();
    database = await openTestDatabase("postgres");
    // wrangler wants a password in a Hyperdrive connection string; the test server trusts local connections.
    const url = (database.url as string).replace("postgres://candor@", "postgres://candor:local@");
    sql = postgres(url, { max: 1, onnotice: () => {} });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const state = tempDir("candor-wrangler-");
    dirs.push(state);
    const vars: Record<string, string> = {
      PUBLIC_URL: base,
      PAGE_NAME: "Edge Status",
      CANDOR_ADMIN_TOKEN: adminToken,
      METRICS_TOKEN: metricsToken,
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      MAIL_FROM: "status@example.com",
      TWITTER_APP_KEY: fakeXCredentials.appKey,
      TWITTER_APP_SECRET: fakeXCredentials.appSecret,
      TWITTER_ACCESS_TOKEN: fakeXCredentials.accessToken,
      TWITTER_ACCESS_SECRET: fakeXCredentials.accessSecret,
      TWITTER_API_URL: fake.url,
      // Listening polls from the cron pass here (Workers keep no timers between invocations).
      LISTEN: "mentions",
      LISTEN_AUTO_ACK: "on",
      LISTEN_ACK_CONTACT: "support@example.com",
    };
    proc = spawnCandor(
      { ...offline, CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: url, WRANGLER_LOG_PATH: state },
      [
        node,
        wrangler,
        "dev",
        "--test-scheduled",
        "--ip",
        "127.0.0.1",
        "--port",
        String(port),
        "--inspector-port",
        String(await freePort()),
        "--persist-to",
        state,
        "--show-interactive-dev-session=false",
        ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
      ],
    );
    await waitFor("wrangler dev to answer /readyz", 90_000, async () => {
      if (proc.hasExited()) throw new Error(`wrangler dev exited:\n${proc.stdout()}\n${proc.stderr()}`);
      const res = await fetch(`${base}/readyz`).catch(() => null);
      return res?.status === 200 ? true : undefined;
    });
  }, 120_000);

  afterAll(async () => {
    if (proc) await killGroup(proc);
    await sql?.end({ timeout: 5 });
    await database?.close();
    await fake?.close();
    await sink?.close();
    for (const dir of dirs) removeDir(dir);
  });

  it("Should declare an incident, show it on the page and in the v2 JSON, and deliver it to X and email", async () => {
    await calm();
    expect((await call("POST", "/api/v1/components", { slug: "api", name: "API" })).status).toBe(201);
    const sub = await call("POST", "/api/v1/subscribers", { type: "email", email: "ops@example.com" });
    expect(sub.status, sub.text).toBe(201);

    // The page before: all operational, and cached at the edge from now on.
    const before = await fetch(`${base}/`);
    expect(await before.text()).toContain("All Systems Operational");

    const declared = await call("POST", "/api/v1/incidents", {
      title: "Payments delayed",
      message: "Card payments are slow; we are investigating.",
      components: { api: "major_outage" },
      next_update_in: "PT30M",
    });
    expect(declared.status, declared.text).toBe(201);
    const id = declared.json.data.id as string;

    // The write purged the edge copy: the page and the JSON show the incident at once.
    const page = await (await fetch(`${base}/`)).text();
    expect(page).toContain("Payments delayed");
    expect(page).toContain("Major Outage");
    const summary = await (await fetch(`${base}/api/v2/summary.json`)).json();
    expect(summary.incidents.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(summary.status.indicator).toBe("critical");

    // Delivered by the pass the write started (waitUntil), before any cron minute.
    const tweet = await waitFor("the first post on X", 15_000, async () =>
      fake.tweets.find((t) => t.text.includes("Payments delayed")),
    );
    expect(tweet.inReplyToId).toBeNull();
    expect(tweet.text).toContain(`${base}/incidents/${id}`);
    const mail = await waitFor("the email", 15_000, async () => sink.to("ops@example.com")[0]);
    expect(mail.subject).toBe("[Investigating] Payments delayed (Edge Status)");
    expect(String(mail.text)).toContain("Card payments are slow; we are investigating.");

    // A cron pass posts the holding update a passed promise owes, and X gets it as a reply.
    await sql`update incidents set next_update_due_at = now() - interval '1 second' where id = ${id}`;
    await cronPass();
    const holding = await waitFor("the holding update on X", 15_000, async () =>
      fake.tweets.find((t) => t.inReplyToId === tweet.id),
    );
    expect(holding.text).toContain("No new information yet");
    const [row] =
      await sql`select count(*)::int as n from incident_updates where incident_id = ${id} and kind = 'holding'`;
    expect(row.n).toBe(1);
    await waitFor("the holding email", 15_000, async () => sink.to("ops@example.com")[1]);
    const json = await (await fetch(`${base}/api/v2/incidents/unresolved.json`)).json();
    expect(json.incidents[0].incident_updates).toHaveLength(2);
  });

  it("Should answer a stampede from the edge cache, and a conditional request with 304", async () => {
    const first = await fetch(`${base}/api/v2/status.json`);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag") as string;
    await first.text();
    const again = await fetch(`${base}/api/v2/status.json`);
    expect(again.headers.get("cf-cache-status")).toBe("HIT");
    await again.text();
    const conditional = await fetch(`${base}/api/v2/status.json`, { headers: { "if-none-match": etag } });
    expect(conditional.status).toBe(304);
    const results = await Promise.all(Array.from({ length: 50 }, () => fetch(`${base}/`).then((r) => r.status)));
    expect(new Set(results)).toEqual(new Set([200]));
  });

  it("Should send the security headers from the shared app: a page, its edge hit and 304, JSON and errors", async () => {
    const first = await fetch(`${base}/history`);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag") as string;
    await first.text();
    const policy = first.headers.get("content-security-policy");
    expect(policy).toMatch(/^default-src 'none'; script-src 'sha256-/);
    expect(policy).toContain("frame-ancestors 'self'");
    const hit = await fetch(`${base}/history`);
    await hit.text();
    expect(hit.headers.get("cf-cache-status")).toBe("HIT");
    expect(hit.headers.get("content-security-policy")).toBe(policy);
    const answers = [
      first,
      hit,
      await fetch(`${base}/history`, { headers: { "if-none-match": etag } }),
      await fetch(`${base}/api/v2/summary.json`),
      await fetch(`${base}/api/v1/incidents`),
      await fetch(`${base}/no-such-page`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 304, 200, 401, 404]);
    for (const res of answers) {
      if (!res.bodyUsed) await res.arrayBuffer();
      expect(res.headers.get("x-content-type-options"), res.url).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), res.url).toBe("strict-origin-when-cross-origin");
      // PUBLIC_URL is http here: never HSTS.
      expect(res.headers.get("strict-transport-security"), res.url).toBeNull();
    }
  });

  it("Should answer /metrics with 404 whatever the token: an isolate's own counts would mislead", async () => {
    for (const token of [metricsToken, adminToken]) {
      const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("NOT_FOUND");
    }
  });

  it("Should hear a mention on a cron pass, put it in the inbox and acknowledge its author once", async () => {
    await calm();
    // Listening begins with the first poll (it reads from then on): a cron pass starts it if none has yet.
    await cronPass();
    const declared = await call("POST", "/api/v1/incidents", {
      title: "Logins failing",
      message: "Some customers cannot sign in; we are investigating.",
      next_update_in: "PT30M",
    });
    expect(declared.status, declared.text).toBe(201);
    const id = declared.json.data.id as string;
    await waitFor("the thread's first post", 15_000, async () =>
      fake.tweets.find((t) => t.text.includes("Logins failing")),
    );
    const first = fake.postAs("ann", "@candorstatus I can't log in, is it you?");
    const again = fake.postAs("ann", "@candorstatus still nothing");
    // The mentions interval has passed (as a minute would between two cron passes).
    await sql`update listen_sources set next_poll_at = now() where source = 'mentions'`;
    await cronPass();

    // One reply to the person, to their first post, in the incident's words, sent by the same pass.
    const replies = () => fake.tweets.filter((t) => t.inReplyToId === first.id || t.inReplyToId === again.id);
    const [reply] = await waitFor("the acknowledgement", 15_000, async () =>
      replies().length ? replies() : undefined,
    );
    expect(replies()).toHaveLength(1);
    expect(reply.inReplyToId).toBe(first.id);
    expect(reply.text).toMatch(/^@ann /);
    expect(reply.text).toContain(`${base}/incidents/${id}`);
    expect(reply.text).toContain("support@example.com");

    const inbox = await call("GET", `/api/v1/mentions?incident=${id}`);
    expect(inbox.status, inbox.text).toBe(200);
    const heard = inbox.json.data as { id: string; state: string; incident_id: string }[];
    expect(heard.map((m) => m.id).sort()).toEqual([first.id, again.id].sort());
    expect(heard.find((m) => m.id === first.id)?.state).toBe("acknowledged");
    const channels = (await call("GET", "/api/v1/channels")).json.data as { name: string; healthy: boolean }[];
    expect(channels.find((c) => c.name === "x-listen")).toMatchObject({ healthy: true });
    expect((await call("GET", `/api/v1/incidents/${id}`)).json.data.heard.people).toBe(1);

    // The acknowledgements are jobs of their own: no public update of the incident got an x-ack row.
    const channelsOfUpdates = await sql`
      select distinct o.channel from outbox o join incident_updates u on u.id = o.update_id where u.incident_id = ${id}`;
    expect(channelsOfUpdates.map((r) => r.channel)).not.toContain("x-ack");
    expect(channelsOfUpdates.map((r) => r.channel)).toContain("twitter");

    // Another pass with nothing new sends nothing more.
    await sql`update listen_sources set next_poll_at = now() where source = 'mentions'`;
    await cronPass();
    expect(replies()).toHaveLength(1);
  });

  it("Should start a scheduled maintenance on a cron pass", async () => {
    // A component of its own to work on.
    expect((await call("POST", "/api/v1/components", { slug: "db", name: "Database" })).status).toBe(201);
    const res = await call("POST", "/api/v1/maintenances", {
      title: "Edge maintenance",
      message: "Upgrading the database.",
      components: ["db"],
      starts_at: new Date(Date.now() + 3_600_000).toISOString(),
      ends_at: new Date(Date.now() + 7_200_000).toISOString(),
      remind_before: null,
    });
    expect(res.status, res.text).toBe(201);
    const id = res.json.data.id as string;
    await sql`update incidents set scheduled_for = now() - interval '1 second' where id = ${id}`;
    await cronPass();
    const started = await waitFor("the started post", 15_000, async () =>
      fake.tweets.find((t) => t.text.startsWith("Maintenance in progress")),
    );
    expect(started.text).toContain("The scheduled maintenance has started.");
    const m = await call("GET", `/api/v1/maintenances/${id}`);
    expect(m.json.data.status).toBe("in_progress");
  });

  it("Should purge a component's badge and the maintenance calendar from the edge when a write changes them", async () => {
    expect((await call("POST", "/api/v1/components", { slug: "edge-badge", name: "Edge badge" })).status).toBe(201);
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      return { cache: res.headers.get("cf-cache-status"), body: await res.text() };
    };
    for (const path of ["/components/edge-badge/badge.svg", "/maintenance.ics"]) {
      await get(path);
      expect((await get(path)).cache, path).toBe("HIT"); // cached at the edge: only a purge brings a change
    }
    expect((await get("/components/edge-badge/badge.svg")).body).toContain("operational");
    expect((await call("PATCH", "/api/v1/components/edge-badge", { status: "major_outage" })).status).toBe(200);
    expect((await get("/components/edge-badge/badge.svg")).body).toContain("major outage");
    const res = await call("POST", "/api/v1/maintenances", {
      title: "Edge calendar work",
      message: "Moving racks.",
      components: ["edge-badge"],
      starts_at: new Date(Date.now() + 86_400_000).toISOString(),
      ends_at: new Date(Date.now() + 90_000_000).toISOString(),
    });
    expect(res.status, res.text).toBe(201);
    expect((await get("/maintenance.ics")).body).toContain("SUMMARY:Edge calendar work");
  });
});
