// Scheduled maintenance as customers hear of it, on every channel at once:
// X through Candor's X client against the fake X server (OAuth checked), email
// through the SMTP pool to a real smtp-server sink (parsed by mailparser), and
// webhooks to a real HTTP receiver. The engine runs on the fake clock and is
// driven by hand (drain = tick, then dispatch until nothing is due), so the
// reminder, the start, the overrun and the holding updates come exactly when
// the clock reaches them. Nothing is mocked: each check reads what an X
// account, a mailbox or a receiver got.
import { createHmac } from "node:crypto";
import type { ParsedMail } from "mailparser";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeTweet, type FakeX, fakeXCredentials, startFakeX } from "../../scripts/fake-x/server.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { buildChannels } from "../../src/entry/channels.ts";
import { tweetLength } from "../../src/render/tweet.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { header, references, type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { waitUntil } from "../support/wait.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

const publicUrl = "https://status.example.com";
const host = "status.example.com";
const pageName = "Example Status";
/** The test app's clock starts at 12:00 UTC on this day. */
const day = "2026-11-23";
const utc = (time: string) => new Date(`${day}T${time}:00Z`);
const iso = (time: string) => utc(time).toISOString();

/** "Planned for ..." as the announcement, reminder and rescheduling end. */
const planned = (window: string) =>
  `Planned for ${window}. We will post here when the work starts and when it is done.`;

/** Each post replies to the one before, all in the first one's conversation. */
function expectOneThread(posts: FakeTweet[]) {
  expect(posts.length).toBeGreaterThan(0);
  expect(posts[0].inReplyToId).toBeNull();
  for (let i = 1; i < posts.length; i++) {
    expect(posts[i].inReplyToId, `post ${i} replies to post ${i - 1}`).toBe(posts[i - 1].id);
    expect(posts[i].conversationId).toBe(posts[0].id);
  }
  for (const p of posts) expect(tweetLength(p.text)).toBeLessThanOrEqual(280);
}

/**
 * One mailbox's thread: the first message is the root, with the Message-ID
 * `<{id}.{subscriberId}@host>`; every later one replies to that root.
 */
function expectOneMailThread(mails: ParsedMail[], id: string, subscriberId: string) {
  const root = `<${id}.${subscriberId}@${host}>`;
  expect(mails.length).toBeGreaterThan(0);
  expect(mails[0].messageId).toBe(root);
  expect(mails[0].inReplyTo).toBeUndefined();
  for (const m of mails.slice(1)) {
    expect(m.messageId).not.toBe(root);
    expect(m.inReplyTo).toBe(root);
    expect(references(m)).toEqual([root]);
  }
}

describe.each(databaseKinds)("scheduled maintenance on X, email and webhooks on %s", (kind) => {
  let fake: FakeX;
  let sink: SmtpSink;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let t: TestApp;
  let engine: Engine;
  let now: () => Date = () => new Date();

  const env = {
    TWITTER_APP_KEY: fakeXCredentials.appKey,
    TWITTER_APP_SECRET: fakeXCredentials.appSecret,
    TWITTER_ACCESS_TOKEN: fakeXCredentials.accessToken,
    TWITTER_ACCESS_SECRET: fakeXCredentials.accessSecret,
    TWITTER_API_URL: "",
    PUBLIC_URL: publicUrl,
    PAGE_NAME: pageName,
  };

  beforeAll(async () => {
    fake = await startFakeX({ clock: () => now() });
    sink = await startSmtpSink();
    receiver = await startWebhookReceiver();
    env.TWITTER_API_URL = fake.url;
  });
  afterAll(async () => {
    await fake.close();
    await sink.close();
    await receiver.close();
  });

  /** Closes the channels' SMTP pool after each test. */
  let closeChannels: () => Promise<void>;

  beforeEach(async () => {
    fake.reset();
    sink.clear();
    receiver.received.length = 0;
    // The channels as the entries build them: X, email over SMTP and webhooks.
    t = await startTestApp(kind, {
      env: { ...env, SMTP_URL: sink.url, SMTP_POOL_SIZE: "2", LOG_CHANNEL: "off" },
      channels: async ({ db, config, clock }) => {
        const built = await buildChannels(config, { db, webhook: { clock, timeoutMs: 2_000 } });
        closeChannels = built.close;
        expect(built.channels.map((c) => c.name).sort()).toEqual(["chat", "email", "twitter", "webhook"]);
        return built.channels;
      },
    });
    now = t.clock.read;
    engine = t.engine as Engine;
  });
  afterEach(async () => {
    await closeChannels();
    await t.close();
    await waitUntil("the pool's SMTP connections to close", 5_000, () => sink.connections().open === 0);
  });

  /** Moves the clock forward to `time` (HH:MM on the test day) and runs the engine until nothing is due. */
  async function at(time: string) {
    const next = utc(time);
    expect(next.getTime(), `the clock only moves forward (to ${time})`).toBeGreaterThanOrEqual(t.clock.now.getTime());
    t.clock.now = next;
    await engine.drain();
  }

  async function component(slug: string, name: string) {
    const res = await t.call("POST", "/api/v1/components", { slug, name });
    expect(res.status, res.text).toBe(201);
  }
  async function statusOf(slug: string): Promise<string> {
    const res = await t.call("GET", "/api/v1/components");
    expect(res.status, res.text).toBe(200);
    return res.json.data.find((c: { slug: string }) => c.slug === slug).status;
  }

  /** A pre-confirmed email subscriber, added by the admin API; returns its id. */
  async function emailSubscriber(email: string, components?: string[]) {
    const res = await t.call("POST", "/api/v1/subscribers", { type: "email", email, components });
    expect(res.status, res.text).toBe(201);
    return res.json.data.id as string;
  }
  /** A webhook at `path` on the receiver, added by the admin API; returns its signing secret. */
  async function webhookSubscriber(path: string, components?: string[]) {
    const res = await t.call("POST", "/api/v1/subscribers", {
      type: "webhook",
      url: `${receiver.url}${path}`,
      components,
    });
    expect(res.status, res.text).toBe(201);
    return res.json.secret as string;
  }

  async function schedule(body: Record<string, unknown> = {}) {
    const res = await t.call("POST", "/api/v1/maintenances", {
      title: "Database upgrade",
      message: "We will upgrade the primary database.",
      components: ["db"],
      starts_at: iso("14:00"),
      ends_at: iso("15:00"),
      ...body,
    });
    expect(res.status, res.text).toBe(201);
    return res.json.data as { id: string; status: string; url: string; components: { slug: string; status: string }[] };
  }
  async function maintenance(id: string) {
    const res = await t.call("GET", `/api/v1/maintenances/${id}`);
    expect(res.status, res.text).toBe(200);
    return res.json.data;
  }

  /** Live posts on X about one incident or maintenance, oldest first. */
  const postsAbout = (id: string) => fake.tweets.filter((tw) => !tw.deletedAt && tw.text.endsWith(`/incidents/${id}`));
  const hooksTo = (path: string) => receiver.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body));
  const subjectOf = (label: string, title = "Database upgrade") => `[${label}] ${title} (${pageName})`;

  it("Should tell one maintenance on every channel, in its own thread, from announcement through reminder, start, overrun and holding update to completion", async () => {
    await component("db", "Database");
    await component("web", "Website");
    const everything = await emailSubscriber("all@example.org");
    const followsDb = await emailSubscriber("db@example.org", ["db"]);
    const secret = await webhookSubscriber("/all");

    const m = await schedule();
    expect(m.status).toBe("scheduled");
    expect(m.url).toBe(`${publicUrl}/incidents/${m.id}`);
    await engine.drain();
    const url = `${publicUrl}/incidents/${m.id}`;
    const window = "23 Nov 2026, 14:00–15:00 UTC";

    // The announcement: its own thread on X, its own email thread, a signed webhook.
    let posts = postsAbout(m.id);
    expect(posts.map((p) => p.text)).toEqual([
      `Scheduled maintenance · Database upgrade: We will upgrade the primary database. ${planned(window)}\n${url}`,
    ]);
    for (const email of ["all@example.org", "db@example.org"]) {
      const [mail, ...more] = sink.to(email);
      expect(more).toEqual([]);
      expect(mail.subject).toBe(subjectOf("Scheduled maintenance"));
      expect(mail.text).toContain("We will upgrade the primary database.");
      expect(mail.text).toContain(planned(window));
    }
    const [announced] = receiver.received;
    const stamp = String(announced.headers["x-candor-timestamp"]);
    expect(announced.headers["x-candor-signature"]).toBe(
      `sha256=${createHmac("sha256", secret).update(`${stamp}.${announced.body}`).digest("hex")}`,
    );
    expect(JSON.parse(announced.body).incident).toMatchObject({
      id: m.id,
      name: "Database upgrade",
      status: "scheduled",
      impact: "maintenance",
      scheduled_for: iso("14:00"),
      scheduled_until: iso("15:00"),
    });

    // Nothing before the reminder's time; the reminder an hour before the start.
    await at("12:59");
    expect(postsAbout(m.id)).toHaveLength(1);
    expect(sink.to("all@example.org")).toHaveLength(1);
    await at("13:00");
    const reminder = `Reminder: this maintenance starts at 23 Nov 2026, 14:00 UTC, in 1 hour. ${planned(window)}`;
    expect(postsAbout(m.id).at(-1)?.text).toBe(`Scheduled maintenance: ${reminder}\n${url}`);
    const reminderMail = sink.to("db@example.org").at(-1) as ParsedMail;
    expect(reminderMail.subject).toBe(subjectOf("Scheduled maintenance"));
    expect(reminderMail.text).toContain("Scheduled maintenance (automatic update) · 23 Nov 2026, 13:00 UTC");
    expect(reminderMail.text).toContain("Reminder: this maintenance starts at 23 Nov 2026, 14:00 UTC, in 1 hour.");
    expect(hooksTo("/all").at(-1).incident.incident_updates[0].body).toBe(reminder);

    // Still operational until the work starts.
    await at("13:59");
    expect(await statusOf("db")).toBe("operational");
    expect(postsAbout(m.id)).toHaveLength(2);

    // The start: the component under maintenance, the planned end promised.
    await at("14:00");
    expect(await statusOf("db")).toBe("under_maintenance");
    expect(await statusOf("web")).toBe("operational");
    const started = await maintenance(m.id);
    expect(started.status).toBe("in_progress");
    expect(started.components).toEqual([{ slug: "db", name: "Database", status: "under_maintenance" }]);
    expect(postsAbout(m.id).at(-1)?.text).toBe(
      `Maintenance in progress: The scheduled maintenance has started. We expect to finish by 15:00 UTC. We will post here when the work is done.\n${url}`,
    );
    const startMail = sink.to("all@example.org").at(-1) as ParsedMail;
    expect(startMail.subject).toBe(subjectOf("Maintenance in progress"));
    expect(startMail.text).toContain("We expect to finish by 15:00 UTC. We will post here when the work is done.");
    const startHook = hooksTo("/all").at(-1);
    expect(startHook.incident.status).toBe("in_progress");
    expect(startHook.page).toMatchObject({ status_indicator: "maintenance" });
    expect(startHook.incident.components).toEqual([
      expect.objectContaining({ name: "Database", status: "under_maintenance" }),
    ]);

    // The planned end passes: an apology and a next-update promise.
    await at("15:00");
    const overrun =
      "This maintenance was planned to finish by 15:00 UTC and is not done yet. We're sorry it is taking longer than we said. We don't have a new finish time yet; next update by 15:30 UTC.";
    expect(postsAbout(m.id).at(-1)?.text).toBe(`Maintenance in progress: ${overrun}\n${url}`);
    const overrunMail = sink.to("db@example.org").at(-1) as ParsedMail;
    expect(overrunMail.subject).toBe(subjectOf("Maintenance in progress"));
    expect(overrunMail.text).toContain(overrun);
    expect(hooksTo("/all").at(-1).incident.incident_updates[0].body).toBe(overrun);
    expect(await statusOf("db")).toBe("under_maintenance");

    // The promise kept: a holding update at 15:30, not before.
    await at("15:29");
    expect(postsAbout(m.id)).toHaveLength(4);
    await at("15:30");
    const holding = postsAbout(m.id).at(-1)?.text ?? "";
    expect(holding).toMatch(/^Maintenance in progress: .*we are still carrying out the maintenance\./);
    expect(holding).toContain("We don't have a new finish time yet. Next update by 16:00 UTC.");
    expect(sink.to("all@example.org").at(-1)?.text).toContain("Next update by 16:00 UTC.");

    // Completed at 15:45: the component back, the overrun owned.
    t.clock.now = utc("15:45");
    const done = await t.call("POST", `/api/v1/maintenances/${m.id}/complete`, {
      message: "The upgrade is done and the database is back.",
    });
    expect(done.status, done.text).toBe(200);
    await engine.drain();
    expect(await statusOf("db")).toBe("operational");
    expect(done.json.data.components).toEqual([{ slug: "db", name: "Database", status: "operational" }]);
    const completed =
      "Completed after 1 hour 45 minutes. That was 45 minutes later than the planned end of 15:00 UTC; we're sorry.";
    expect(postsAbout(m.id).at(-1)?.text).toBe(
      `Maintenance completed: The upgrade is done and the database is back. ${completed}\n${url}`,
    );
    const doneMail = sink.to("all@example.org").at(-1) as ParsedMail;
    expect(doneMail.subject).toBe(subjectOf("Maintenance completed"));
    // In an email the message and its promise are paragraphs of their own.
    expect(doneMail.text).toContain(`The upgrade is done and the database is back.\n\n${completed}`);
    const doneHook = hooksTo("/all").at(-1);
    expect(doneHook.incident).toMatchObject({ status: "completed", resolved_at: iso("15:45") });
    expect(doneHook.page).toMatchObject({ status_indicator: "none" });
    expect(doneHook.incident.components).toEqual([expect.objectContaining({ status: "operational" })]);

    // One X thread, one email thread per subscriber, one webhook call per update.
    posts = postsAbout(m.id);
    expect(posts).toHaveLength(6);
    expectOneThread(posts);
    expect(fake.tweets).toHaveLength(6);
    expectOneMailThread(sink.to("all@example.org"), m.id, everything);
    expectOneMailThread(sink.to("db@example.org"), m.id, followsDb);
    expect(sink.to("all@example.org")).toHaveLength(6);
    expect(sink.to("db@example.org")).toHaveLength(6);
    expect(hooksTo("/all").map((h) => h.incident.status)).toEqual([
      "scheduled",
      "scheduled",
      "in_progress",
      "in_progress",
      "in_progress",
      "completed",
    ]);
    const json = await maintenance(m.id);
    expect(json.updates.map((u: { kind: string }) => u.kind)).toEqual([
      "completed",
      "holding",
      "eta_missed",
      "started",
      "reminder",
      "announced",
    ]);
    expect(json.updates.map((u: { tweet_id: string }) => u.tweet_id)).toEqual(posts.map((p) => p.id).reverse());
    expect(json.twitter_thread_url).toBe(`https://x.com/i/web/status/${posts[0].id}`);

    // Completed: nothing more, ever.
    await at("18:00");
    expect(fake.tweets).toHaveLength(6);
    expect(sink.count()).toBe(12);
    expect(receiver.received).toHaveLength(6);
  });

  it("Should announce a moved window with the old time and the new, remind at the new time only, and announce a cancellation", async () => {
    await component("db", "Database");
    const subscriber = await emailSubscriber("all@example.org");
    await webhookSubscriber("/all");
    const m = await schedule();
    await engine.drain();
    const url = `${publicUrl}/incidents/${m.id}`;

    // Moved before its reminder: 14:00-15:00 becomes 16:00-17:30.
    t.clock.now = utc("12:10");
    const moved = await t.call("PATCH", `/api/v1/maintenances/${m.id}`, {
      starts_at: iso("16:00"),
      ends_at: iso("17:30"),
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json.data).toMatchObject({ starts_at: iso("16:00"), ends_at: iso("17:30"), status: "scheduled" });
    await engine.drain();
    const rescheduled =
      "Rescheduled: this maintenance now takes place 23 Nov 2026, 16:00–17:30 UTC (it was planned for 23 Nov 2026, 14:00–15:00 UTC).";
    // The new window is in the message; the promise does not repeat it.
    const newPlan = "We will post here when the work starts and when it is done.";
    expect(postsAbout(m.id).at(-1)?.text).toBe(`Scheduled maintenance: ${rescheduled} ${newPlan}\n${url}`);
    const movedMail = sink.to("all@example.org").at(-1) as ParsedMail;
    expect(movedMail.subject).toBe(subjectOf("Scheduled maintenance"));
    expect(movedMail.text).toContain(`${rescheduled}\n\n${newPlan}`);
    expect(hooksTo("/all").at(-1).incident).toMatchObject({
      status: "scheduled",
      scheduled_for: iso("16:00"),
      scheduled_until: iso("17:30"),
    });

    // Neither the old reminder time nor the old start does anything.
    await at("13:00");
    await at("14:00");
    await at("14:59");
    expect(postsAbout(m.id)).toHaveLength(2);
    expect(sink.to("all@example.org")).toHaveLength(2);
    expect(await statusOf("db")).toBe("operational");
    expect((await maintenance(m.id)).status).toBe("scheduled");

    // The reminder comes an hour before the new start.
    await at("15:00");
    expect(postsAbout(m.id).at(-1)?.text).toBe(
      `Scheduled maintenance: Reminder: this maintenance starts at 23 Nov 2026, 16:00 UTC, in 1 hour. ${planned("23 Nov 2026, 16:00–17:30 UTC")}\n${url}`,
    );
    expect(sink.to("all@example.org").at(-1)?.text).toContain(
      "Reminder: this maintenance starts at 23 Nov 2026, 16:00 UTC, in 1 hour.",
    );

    // Moved again after its reminder went out: the reminder is owed again, for the new start.
    t.clock.now = utc("15:10");
    const again = await t.call("PATCH", `/api/v1/maintenances/${m.id}`, {
      starts_at: iso("18:00"),
      ends_at: iso("19:00"),
      message: "The vendor asked us to wait.",
    });
    expect(again.status, again.text).toBe(200);
    await engine.drain();
    const secondMove = postsAbout(m.id).at(-1)?.text ?? "";
    // Short enough now that engineers' own words fit on X too.
    expect(secondMove).toBe(
      `Scheduled maintenance: Rescheduled: this maintenance now takes place 23 Nov 2026, 18:00–19:00 UTC (it was planned for 23 Nov 2026, 16:00–17:30 UTC). The vendor asked us to wait. We will post here when the work starts and when it is done.\n${url}`,
    );
    expect(sink.to("all@example.org").at(-1)?.text).toContain(
      "Rescheduled: this maintenance now takes place 23 Nov 2026, 18:00–19:00 UTC (it was planned for 23 Nov 2026, 16:00–17:30 UTC). The vendor asked us to wait.",
    );
    await at("16:00");
    await at("16:59");
    expect(postsAbout(m.id)).toHaveLength(4);
    expect(await statusOf("db")).toBe("operational");
    await at("17:00");
    expect(postsAbout(m.id).at(-1)?.text).toContain(
      "Reminder: this maintenance starts at 23 Nov 2026, 18:00 UTC, in 1 hour.",
    );
    const upcoming = await t.call("GET", "/api/v1/maintenances?state=upcoming");
    expect(upcoming.json.data.map((x: { id: string }) => x.id)).toEqual([m.id]);

    // Called off before it starts.
    t.clock.now = utc("17:10");
    const cancelled = await t.call("POST", `/api/v1/maintenances/${m.id}/cancel`, {
      message: "We no longer need this work.",
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.json.data.status).toBe("cancelled");
    await engine.drain();
    const notHappening =
      "The work planned for 23 Nov 2026, 18:00–19:00 UTC will not take place; service is not affected.";
    const cancellation = `We no longer need this work. ${notHappening}`;
    expect(postsAbout(m.id).at(-1)?.text).toBe(`Maintenance cancelled: ${cancellation}\n${url}`);
    const cancelMail = sink.to("all@example.org").at(-1) as ParsedMail;
    expect(cancelMail.subject).toBe(subjectOf("Maintenance cancelled"));
    expect(cancelMail.text).toContain(`We no longer need this work.\n\n${notHappening}`);
    // Statuspage has no "cancelled": the webhook says completed, and its body says what happened.
    const cancelHook = hooksTo("/all").at(-1);
    expect(cancelHook.incident.status).toBe("completed");
    expect(cancelHook.incident.incident_updates[0].body).toBe(cancellation);

    // Nothing at the window that will not happen.
    await at("18:00");
    await at("19:30");
    expect(await statusOf("db")).toBe("operational");
    const posts = postsAbout(m.id);
    expect(posts).toHaveLength(6);
    expectOneThread(posts);
    const mails = sink.to("all@example.org");
    expect(mails.map((x) => x.subject)).toEqual([
      ...Array(5).fill(subjectOf("Scheduled maintenance")),
      subjectOf("Maintenance cancelled"),
    ]);
    expectOneMailThread(mails, m.id, subscriber);
    expect(hooksTo("/all")).toHaveLength(6);
    expect((await maintenance(m.id)).updates.map((u: { kind: string }) => u.kind)).toEqual([
      "cancelled",
      "reminder",
      "rescheduled",
      "reminder",
      "rescheduled",
      "announced",
    ]);
    const past = await t.call("GET", "/api/v1/maintenances?state=past");
    expect(past.json.data.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([[m.id, "cancelled"]]);
    expect((await t.call("GET", "/api/v1/maintenances?state=open")).json.data).toEqual([]);
  });

  it("Should tell a maintenance only to subscribers following its components or everything, on email and webhooks", async () => {
    await component("db", "Database");
    await component("web", "Website");
    await emailSubscriber("db@example.org", ["db"]);
    await emailSubscriber("web@example.org", ["web"]);
    await emailSubscriber("both@example.org", ["db", "web"]);
    await emailSubscriber("all@example.org");
    for (const path of ["/db", "/web", "/all"]) await webhookSubscriber(path, path === "/all" ? [] : [path.slice(1)]);

    const m = await schedule();
    await engine.drain();
    await at("13:00");
    await at("14:00");
    t.clock.now = utc("14:40");
    expect((await t.call("POST", `/api/v1/maintenances/${m.id}/complete`)).status).toBe(200);
    await engine.drain();

    const kinds = [
      "Scheduled maintenance",
      "Scheduled maintenance",
      "Maintenance in progress",
      "Maintenance completed",
    ];
    for (const email of ["db@example.org", "both@example.org", "all@example.org"]) {
      expect(
        sink.to(email).map((x) => x.subject),
        email,
      ).toEqual(kinds.map((k) => subjectOf(k)));
    }
    expect(sink.to("web@example.org")).toEqual([]);
    expect(sink.to("db@example.org")[0].text).toContain(`updates for Database.`);
    expect(hooksTo("/db")).toHaveLength(4);
    expect(hooksTo("/all")).toHaveLength(4);
    expect(hooksTo("/web")).toEqual([]);
    // Early: no overrun, no apology.
    expect(sink.to("db@example.org")[3].text).toContain("Completed after 40 minutes.");
    expect(sink.to("db@example.org")[3].text).not.toContain("sorry");
    // X has one public thread for everyone.
    expect(postsAbout(m.id)).toHaveLength(4);
  });

  it("Should keep a maintenance and an incident at the same time in separate X threads and email threads, and the component's status right throughout", async () => {
    await component("db", "Database");
    const subscriber = await emailSubscriber("all@example.org");
    const m = await schedule();
    await engine.drain();
    t.clock.now = utc("12:05");
    const incident = await t.declare({
      title: "Replication lag",
      message: "Replicas are behind.",
      components: { db: "degraded_performance" },
      next_update_in: "PT6H",
    });
    await engine.drain();
    await at("13:00"); // the maintenance's reminder
    t.clock.now = utc("13:10");
    await t.postUpdate(incident.id, { message: "Replicas are catching up.", next_update_in: "PT6H" });
    await engine.drain();

    // The work starts while the incident is open: the worse status stays shown.
    await at("14:00");
    expect((await maintenance(m.id)).status).toBe("in_progress");
    expect(await statusOf("db")).toBe("degraded_performance");

    // The incident resolves during the work: the component is under maintenance.
    t.clock.now = utc("14:20");
    await t.postUpdate(incident.id, { message: "Replicas have caught up.", status: "resolved" });
    await engine.drain();
    expect(await statusOf("db")).toBe("under_maintenance");

    // The work is done: nothing is wrong any more.
    t.clock.now = utc("14:50");
    const done = await t.call("POST", `/api/v1/maintenances/${m.id}/complete`);
    expect(done.status, done.text).toBe(200);
    await engine.drain();
    expect(await statusOf("db"), "no open incident and the work is done: operational").toBe("operational");

    const maintenancePosts = postsAbout(m.id);
    const incidentPosts = postsAbout(incident.id);
    expect(maintenancePosts).toHaveLength(4);
    expect(incidentPosts).toHaveLength(3);
    expect(fake.tweets).toHaveLength(7);
    expectOneThread(maintenancePosts);
    expectOneThread(incidentPosts);
    expect(maintenancePosts[0].conversationId).not.toBe(incidentPosts[0].conversationId);
    expect(maintenancePosts[0].text).toMatch(/^Scheduled maintenance · Database upgrade: /);
    expect(incidentPosts[0].text).toMatch(/^Investigating · Replication lag: /);

    const mails = sink.to("all@example.org");
    expect(mails).toHaveLength(7);
    const byThread = (id: string) =>
      mails.filter((x) => x.messageId?.startsWith(`<${id}.`) || x.inReplyTo?.startsWith(`<${id}.`));
    const maintenanceMails = byThread(m.id);
    const incidentMails = byThread(incident.id);
    expect(maintenanceMails.map((x) => x.subject)).toEqual(
      ["Scheduled maintenance", "Scheduled maintenance", "Maintenance in progress", "Maintenance completed"].map((k) =>
        subjectOf(k),
      ),
    );
    expect(incidentMails.map((x) => x.subject)).toEqual(
      ["Investigating", "Investigating", "Resolved"].map((k) => subjectOf(k, "Replication lag")),
    );
    expectOneMailThread(maintenanceMails, m.id, subscriber);
    expectOneMailThread(incidentMails, incident.id, subscriber);
    expect(header(maintenanceMails[1], "In-Reply-To")).toBe(`<${m.id}.${subscriber}@${host}>`);
  });

  it("Should honour notify: a maintenance announced off X stays off X, automatic updates included, unless an update asks for X", async () => {
    await component("db", "Database");
    const subscriber = await emailSubscriber("all@example.org");
    await webhookSubscriber("/all");
    const m = await schedule({ notify: { twitter: false } });
    await engine.drain();
    expect(fake.tweets).toEqual([]);
    expect(sink.to("all@example.org")).toHaveLength(1);
    expect(hooksTo("/all")).toHaveLength(1);

    // The reminder Candor posts by itself goes where the announcement went.
    await at("13:00");
    expect(fake.tweets).toEqual([]);
    expect(sink.to("all@example.org")).toHaveLength(2);
    expect(hooksTo("/all")).toHaveLength(2);

    // Cancelled, asking for X but not email: X hears of it first now, and the post names it.
    t.clock.now = utc("13:10");
    const res = await t.call("POST", `/api/v1/maintenances/${m.id}/cancel`, {
      notify: { twitter: true, email: false },
    });
    expect(res.status, res.text).toBe(200);
    await engine.drain();
    const posts = postsAbout(m.id);
    expect(posts).toHaveLength(1);
    expect(posts[0].inReplyToId).toBeNull();
    expect(posts[0].text).toMatch(/^Maintenance cancelled · Database upgrade: /);
    expect(sink.to("all@example.org")).toHaveLength(2);
    expectOneMailThread(sink.to("all@example.org"), m.id, subscriber);
    expect(hooksTo("/all").map((h) => h.incident.status)).toEqual(["scheduled", "scheduled", "completed"]);
  });

  it("Should announce a later end given during the work on every channel, and apologise only once that end passes", async () => {
    await component("db", "Database");
    const subscriber = await emailSubscriber("all@example.org");
    await webhookSubscriber("/all");
    const m = await schedule({ remind_before: null });
    await engine.drain();
    await at("14:00");
    const url = `${publicUrl}/incidents/${m.id}`;

    t.clock.now = utc("14:30");
    const res = await t.call("PATCH", `/api/v1/maintenances/${m.id}`, {
      ends_at: iso("15:30"),
      message: "The data migration is slower than planned.",
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toMatchObject({ ends_at: iso("15:30"), expected_end: iso("15:30"), status: "in_progress" });
    await engine.drain();
    const revised =
      "We now expect to finish by 15:30 UTC, later than the 15:00 UTC we gave before. We will post here when the work is done.";
    expect(postsAbout(m.id).at(-1)?.text).toBe(
      `Maintenance in progress: The data migration is slower than planned. ${revised}\n${url}`,
    );
    const mail = sink.to("all@example.org").at(-1) as ParsedMail;
    expect(mail.subject).toBe(subjectOf("Maintenance in progress"));
    expect(mail.text).toContain(`The data migration is slower than planned.\n\n${revised}`);
    expect(hooksTo("/all").at(-1).incident.incident_updates[0].body).toBe(
      `The data migration is slower than planned. ${revised}`,
    );

    // The old end is no longer a promise; the new one is.
    await at("15:00");
    await at("15:29");
    expect(postsAbout(m.id)).toHaveLength(3);
    await at("15:30");
    expect(postsAbout(m.id).at(-1)?.text).toBe(
      `Maintenance in progress: This maintenance was planned to finish by 15:30 UTC and is not done yet. We're sorry it is taking longer than we said. We don't have a new finish time yet; next update by 16:00 UTC.\n${url}`,
    );
    t.clock.now = utc("15:40");
    expect((await t.call("POST", `/api/v1/maintenances/${m.id}/complete`)).status).toBe(200);
    await engine.drain();
    expect(postsAbout(m.id).at(-1)?.text).toBe(
      `Maintenance completed: The scheduled maintenance has been completed. Completed after 1 hour 40 minutes. That was 10 minutes later than the planned end of 15:30 UTC; we're sorry.\n${url}`,
    );
    const posts = postsAbout(m.id);
    expect(posts).toHaveLength(5);
    expectOneThread(posts);
    expectOneMailThread(sink.to("all@example.org"), m.id, subscriber);
    expect(sink.to("all@example.org")).toHaveLength(5);
    expect(hooksTo("/all")).toHaveLength(5);
  });

  it("Should send no reminder when none is wanted or its time had already come at the announcement, and still announce the start", async () => {
    await component("db", "Database");
    await emailSubscriber("all@example.org");
    // No reminder asked for.
    const quiet = await schedule({ title: "Quiet work", remind_before: "PT0S" });
    // Announced 30 minutes ahead with a one-hour reminder: the announcement is the news.
    const soon = await schedule({ title: "Soon work", starts_at: iso("12:30"), ends_at: iso("13:00") });
    await engine.drain();
    await at("12:30");
    expect(postsAbout(soon.id).map((p) => p.text.split(":")[0])).toEqual([
      "Scheduled maintenance · Soon work",
      "Maintenance in progress",
    ]);
    t.clock.now = utc("12:45");
    expect((await t.call("POST", `/api/v1/maintenances/${soon.id}/complete`)).status).toBe(200);
    await engine.drain();
    await at("14:00");
    expect(postsAbout(quiet.id).map((p) => p.text.split(":")[0])).toEqual([
      "Scheduled maintenance · Quiet work",
      "Maintenance in progress",
    ]);
    const kindsOf = async (id: string) =>
      (await maintenance(id)).updates.map((u: { kind: string }) => u.kind).reverse();
    expect(await kindsOf(quiet.id)).toEqual(["announced", "started"]);
    expect(await kindsOf(soon.id)).toEqual(["announced", "started", "completed"]);
    expect(
      sink
        .to("all@example.org")
        .map((x) => x.subject)
        .filter((s) => s?.includes("Quiet work")),
    ).toEqual([subjectOf("Scheduled maintenance", "Quiet work"), subjectOf("Maintenance in progress", "Quiet work")]);
  });
});
