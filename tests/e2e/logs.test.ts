// The process log of a real Candor process: JSON lines by default off a
// terminal, an access line per request from both threads (the front thread's
// cache hits included), the engine's events, LOG_LEVEL and LOG_FORMAT, and
// not one secret in any line, whatever the process was given or handed out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeX, fakeXCredentials, startFakeX } from "../../scripts/fake-x/server.ts";
import {
  api,
  killAll,
  logLines,
  type RunningCandor,
  removeDir,
  spawnCandor,
  startCandor,
  stopGracefully,
  tempDir,
  waitFor,
} from "../support/candor-process.ts";
import { openTestDatabase } from "../support/db.ts";
import { nodeEntry } from "../support/log-file.ts";
import { freePort } from "../support/postgres-server.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

const adminToken = "log-test-admin-token-SECRET-0123456789";
const smtpPassword = "smtp-password-SECRET-4711";
const hookPath = "/hooks/T0001/hook-path-SECRET-b33f";
const hookQueryToken = "hook-query-SECRET-c0ffee";
const subscriberEmail = "subscriber-SECRET@example.com";

let fake: FakeX;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const dirs: string[] = [];
const databases: Awaited<ReturnType<typeof openTestDatabase>>[] = [];

beforeAll(async () => {
  fake = await startFakeX();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await killAll();
  await fake?.close();
  await receiver?.close();
  await Promise.all(databases.map((db) => db.close()));
  for (const dir of dirs) removeDir(dir);
});

async function baseEnv(): Promise<Record<string, string>> {
  const dir = tempDir("candor-e2e-logs-");
  dirs.push(dir);
  const db = await openTestDatabase("postgres");
  databases.push(db);
  return {
    PORT: String(await freePort()),
    HOST: "127.0.0.1",
    DATA_DIR: dir,
    DATABASE_URL: db.url as string,
    PUBLIC_URL: "https://status.example.com",
    CANDOR_ADMIN_TOKEN: adminToken,
    LOG_CHANNEL: "off",
    // Nothing listens there: every email fails, and its error is logged (without the password).
    SMTP_URL: `smtp://candor:${smtpPassword}@127.0.0.1:${await freePort()}`,
    TWITTER_APP_KEY: fakeXCredentials.appKey,
    TWITTER_APP_SECRET: fakeXCredentials.appSecret,
    TWITTER_ACCESS_TOKEN: fakeXCredentials.accessToken,
    TWITTER_ACCESS_SECRET: fakeXCredentials.accessSecret,
    TWITTER_API_URL: fake.url,
  };
}

describe("the process log", () => {
  let c: RunningCandor;
  let createdKey: string;
  let declareRequestId: string | null;

  beforeAll(async () => {
    c = await startCandor({ ...(await baseEnv()), LOG_LEVEL: "info" }, nodeEntry);
    // A webhook whose path and query are its credentials; it fails once, then takes the update.
    receiver.answer(hookPath, 500, 200);
    const hook = await api(c.baseUrl, "POST", "/api/v1/subscribers", {
      key: adminToken,
      body: { type: "webhook", url: `${receiver.url}${hookPath}?token=${hookQueryToken}` },
    });
    expect(hook.status, hook.text).toBe(201);
    const email = await api(c.baseUrl, "POST", "/api/v1/subscribers", {
      key: adminToken,
      body: { type: "email", email: subscriberEmail },
    });
    expect(email.status, email.text).toBe(201);
    const key = await api(c.baseUrl, "POST", "/api/v1/api-keys", {
      key: adminToken,
      body: { name: "log test", scopes: ["incidents:write"] },
    });
    expect(key.status, key.text).toBe(201);
    createdKey = key.json.key;
    expect(createdKey).toEqual(expect.any(String));

    const declared = await fetch(`${c.baseUrl}/api/v1/incidents`, {
      method: "POST",
      headers: { authorization: `Bearer ${createdKey}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Checkout errors", message: "We are looking into it." }),
    });
    expect(declared.status).toBe(201);
    declareRequestId = declared.headers.get("x-request-id");
    const { data } = (await declared.json()) as { data: { id: string } };
    const update = await api(c.baseUrl, "POST", `/api/v1/incidents/${data.id}/updates`, {
      key: createdKey,
      body: { message: "Found the cause.", status: "identified" },
    });
    expect(update.status, update.text).toBe(201);
    // The page twice: the app renders it, then the front thread answers it from its table.
    await waitFor(
      () => "two access lines for / from the front thread",
      10_000,
      async () => {
        await fetch(`${c.baseUrl}/`).then((r) => r.arrayBuffer());
        const front = logLines(c.proc.stdout()).filter((l) => l.thread === "front" && l.route === "/");
        return front.length >= 2 ? front : undefined;
      },
    );
    // The webhook and X took the update; the emails keep failing (no server).
    await waitFor(
      () => `the webhook and X delivered, and an email retry logged\n${c.proc.stdout()}`,
      20_000,
      async () => {
        const events = logLines(c.proc.stdout()).map((l) => `${l.event}:${l.channel}`);
        const wanted = ["delivery.delivered:webhook", "delivery.delivered:twitter", "delivery.retried:email"];
        return wanted.every((e) => events.includes(e)) ? true : undefined;
      },
    );
  }, 90_000);

  it("Should write only JSON lines, each with level, time, pid, thread and msg", () => {
    const lines = c.proc.stdout().trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const parsed = JSON.parse(line);
      expect(parsed).toMatchObject({
        level: expect.any(Number),
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        pid: expect.any(Number),
        thread: expect.stringMatching(/^(main|front)$/),
        msg: expect.any(String),
      });
    }
  });

  it("Should write one access line per request, from the front thread for its hits and from the app for the rest", () => {
    const access = logLines(c.proc.stdout()).filter((l) => l.msg === "request");
    const declare = access.find((l) => l.method === "POST" && l.route === "/api/v1/incidents");
    expect(declare).toMatchObject({
      level: 30,
      thread: "main",
      status: 201,
      ms: expect.any(Number),
      bytes: expect.any(Number),
      requestId: declareRequestId,
    });
    expect(declare?.bytes).toBeGreaterThan(100);
    // The route pattern, never the id itself.
    expect(access.map((l) => l.route)).toContain("/api/v1/incidents/:id/updates");
    const hits = access.filter((l) => l.thread === "front");
    expect(hits.length).toBeGreaterThanOrEqual(1);
    expect(hits[0]).toMatchObject({ method: "GET", route: "/", status: 200, requestId: expect.any(String) });
    expect(hits[0].bytes).toBeGreaterThan(1000);
  });

  it("Should log the engine's claims, deliveries, retries with their reason, promises kept and channel health", () => {
    const lines = logLines(c.proc.stdout());
    const of = (event: string, channel?: string) =>
      lines.filter((l) => l.event === event && (channel === undefined || l.channel === channel));
    expect(of("delivery.claimed", "webhook")[0]).toMatchObject({ level: 30, rowId: expect.any(Number), attempt: 1 });
    expect(of("delivery.delivered", "webhook")[0]).toMatchObject({ level: 30, ms: expect.any(Number) });
    // SMTP is down: the whole email row fails and waits (a webhook's 500 is one recipient's, kept on its receipt).
    expect(of("delivery.retried", "email")[0]).toMatchObject({
      level: 40,
      attempt: 1,
      reason: expect.stringMatching(/ECONNREFUSED|connect/i),
      retryAt: expect.any(String),
    });
    expect(of("delivery.delivered", "twitter").length).toBeGreaterThanOrEqual(1);
    expect(of("promise.settled")[0]).toMatchObject({
      by: "engineer",
      outcome: "kept_by_engineer",
      kind: expect.any(String),
      lateSeconds: 0,
    });
    expect(of("channel.health", "email")[0]).toMatchObject({ level: 50, healthy: false });
  });

  it("Should show no API key, token, SMTP password, X secret, webhook credential or subscriber address in any line", () => {
    const output = c.proc.stdout() + c.proc.stderr();
    const secrets = [
      adminToken,
      createdKey,
      smtpPassword,
      fakeXCredentials.appKey,
      fakeXCredentials.appSecret,
      fakeXCredentials.accessToken,
      fakeXCredentials.accessSecret,
      hookPath,
      "hook-path-SECRET",
      hookQueryToken,
      subscriberEmail,
      "subscriber-SECRET",
    ];
    for (const secret of secrets) expect(output, secret).not.toContain(secret);
    expect(output).not.toMatch(/authorization|bearer /i);
  });
});

/** Starts a process and waits for /readyz: the banner is not JSON, or not written, with these settings. */
async function spawnReady(extra: Record<string, string>) {
  const env: Record<string, string> = { ...(await baseEnv()), ...extra };
  const proc = spawnCandor(env, nodeEntry);
  const url = `http://127.0.0.1:${env.PORT}`;
  await waitFor(
    () => `/readyz to answer\n${proc.stdout()}${proc.stderr()}`,
    20_000,
    async () => ((await fetch(`${url}/readyz`).catch(() => null))?.status === 200 ? true : undefined),
  );
  return { proc, url };
}

describe("LOG_LEVEL and LOG_FORMAT", () => {
  it("Should write no access lines at LOG_LEVEL=warn, and still serve", async () => {
    const { proc, url } = await spawnReady({ LOG_LEVEL: "warn" });
    for (let i = 0; i < 3; i++) expect((await fetch(`${url}/`)).status).toBe(200);
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    await stopGracefully(proc);
    const lines = logLines(proc.stdout());
    expect(lines.filter((l) => l.msg === "request")).toEqual([]);
    for (const line of lines) expect(line.level).toBeGreaterThanOrEqual(40);
  }, 60_000);

  it("Should write pretty text with LOG_FORMAT=pretty: the banner and access lines, not JSON", async () => {
    const { proc, url } = await spawnReady({ LOG_FORMAT: "pretty" });
    await fetch(`${url}/`).then((r) => r.arrayBuffer());
    await stopGracefully(proc);
    const out = proc.stdout();
    expect(out).toMatch(/INFO.*Candor listening on http:\/\/127\.0\.0\.1:\d+ with Postgres \(DATABASE_URL\), ready in/);
    expect(out).toMatch(/INFO.*request\n\s+method: "GET"\n\s+route: "\/"/);
    expect(out.split("\n").filter((l) => l.startsWith("{"))).toEqual([]);
  }, 60_000);
});
