// Email subscribers end to end in one process: the public subscribe routes,
// the engine on a fake clock, and the email channel built as the Node entry
// builds it (createEmailChannel over createSmtpTransport's nodemailer pool
// and the database's subscriber directory), sending over real SMTP to a real
// smtp-server sink that parses every message. Nothing is mocked: what is
// checked is what a mail server received.
import { and, eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmailChannel } from "../../src/channels/email.ts";
import { createSmtpTransport } from "../../src/channels/smtp.ts";
import type { SubscriberDirectory } from "../../src/channels/types.ts";
import { loadConfig } from "../../src/config.ts";
import { deliveries, outbox, subscribers } from "../../src/db/schema/index.ts";
import { createEngine, type Engine } from "../../src/delivery/engine.ts";
import { subscriberDirectory, subscriberLink } from "../../src/services/subscribers/index.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { header, references, type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";
import { hours, minutes } from "../support/time.ts";
import { waitUntil } from "../support/wait.ts";

const publicUrl = "https://status.example.com";
const confirmSubject = "Confirm your subscription to Example Status";

/** The path (and query) of one of our absolute links, for app.request. */
const pathOf = (url: string) => {
  const u = new URL(url);
  expect(u.origin).toBe(publicUrl);
  return u.pathname + u.search;
};

function confirmLinkIn(mail: ParsedMail): string {
  const match = String(mail.text).match(/Confirm: (https:\/\/\S+)/);
  if (!match) throw new Error(`no confirmation link in:\n${mail.text}`);
  return match[1];
}

function unsubscribeLinkIn(mail: ParsedMail): string {
  const match = header(mail, "List-Unsubscribe").match(/^<(https:\/\/[^>]+)>$/);
  if (!match) throw new Error(`no https List-Unsubscribe in ${header(mail, "List-Unsubscribe")}`);
  return match[1];
}

describe.each(databaseKinds)("email subscribers over SMTP on %s", (kind) => {
  let sink: SmtpSink;
  let t: TestApp;
  let engine: Engine;
  let transport: ReturnType<typeof createSmtpTransport>;
  let clients = 0;

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  /** The directory over the test app's database, bound once the app is up. */
  let bound: SubscriberDirectory | undefined;
  const directory = (): SubscriberDirectory => {
    if (!bound) throw new Error("directory used before the test app started");
    return bound;
  };
  const lazyDirectory: SubscriberDirectory = {
    pending: (...a) => directory().pending(...a),
    failed: (...a) => directory().failed(...a),
    succeeded: (...a) => directory().succeeded(...a),
    find: (...a) => directory().find(...a),
    link: (...a) => directory().link(...a),
    componentNames: (...a) => directory().componentNames(...a),
  };
  const env = { PUBLIC_URL: publicUrl, PAGE_NAME: "Example Status", TRUST_PROXY: "on" };
  const config = loadConfig(env);
  /** The email channel as src/entry/node.ts builds it, over its own SMTP pool of 3. */
  function emailChannel() {
    const poolSize = 3;
    const pool = createSmtpTransport(`smtp://127.0.0.1:${sink.port}`, { poolSize });
    const channel = createEmailChannel({
      transport: pool,
      directory: lazyDirectory,
      from: config.mail.from,
      pageName: config.pageName,
      publicUrl: config.publicUrl,
      timeZone: config.pageTimezone,
      // As the entry does: twice the pool keeps every connection busy.
      concurrency: poolSize * 2,
    });
    return { channel, transport: pool };
  }

  beforeEach(async () => {
    sink.clear();
    const built = emailChannel();
    transport = built.transport;
    // The channel needs the database's directory, and the database comes
    // with the test app: the directory is bound once the app is up.
    t = await startTestApp(kind, { env, channels: [built.channel] });
    bound = subscriberDirectory(t.db, { publicUrl: t.config.publicUrl, channel: "email", type: "email" });
    engine = t.engine as Engine;
  });
  afterEach(async () => {
    bound = undefined;
    sink.setDataDelay(0);
    await transport.close();
    await t.close();
    // The pool's connections are gone before the next test counts its own.
    await waitUntil("the pool's SMTP connections to close", 5_000, () => sink.connections().open === 0);
  });

  /** `n` confirmed subscribers written straight to the database; returns their addresses. */
  async function activeSubscribers(n: number, prefix: string, componentIds: string[] = []) {
    const now = t.clock.read();
    const rows = Array.from({ length: n }, (_, i) => ({
      id: `sub_${prefix}${String(i).padStart(4, "0")}`,
      type: "email",
      email: `${prefix}${i}@example.org`,
      state: "active",
      componentIds,
      confirmRequestedAt: now,
      confirmedAt: now,
      createdAt: now,
      updatedAt: now,
    }));
    await t.db.insert(subscribers).values(rows);
    return rows.map((r) => r.email);
  }

  /** POST /subscribe as JSON, from its own client address unless told. */
  async function subscribe(email: string, components?: string[], client = `198.51.100.${++clients}`) {
    const res = await t.app.request("/subscribe", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": client },
      body: JSON.stringify(components ? { email, components } : { email }),
    });
    const text = await res.text();
    return { status: res.status, text, headers: res.headers };
  }

  /** POST /subscribe as an HTML form would. */
  async function subscribeForm(body: string, client = `198.51.100.${++clients}`) {
    const res = await t.app.request("/subscribe", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": client },
      body,
    });
    return { status: res.status, text: await res.text(), type: res.headers.get("content-type") ?? "" };
  }

  const get = async (url: string) => {
    const res = await t.app.request(pathOf(url));
    return { status: res.status, text: await res.text() };
  };
  const oneClick = async (url: string) => {
    const res = await t.app.request(pathOf(url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    return { status: res.status, text: await res.text() };
  };

  const subscriberOf = async (email: string) =>
    (await t.db.select().from(subscribers).where(eq(subscribers.email, email)))[0];
  const confirmationsTo = (email: string) => sink.to(email).filter((m) => m.subject === confirmSubject);
  const updatesTo = (email: string) => sink.to(email).filter((m) => m.subject !== confirmSubject);
  const rowOf = async (updateId: string) =>
    (
      await t.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.updateId, updateId), eq(outbox.channel, "email")))
    )[0];

  /** Subscribes, follows the link in the confirmation email, and checks the address is active. */
  async function subscribed(email: string, components?: string[]) {
    const res = await subscribe(email, components);
    expect(res.status, res.text).toBe(202);
    await engine.drain();
    const [mail] = confirmationsTo(email).slice(-1);
    expect(mail, `a confirmation email to ${email}`).toBeDefined();
    const confirmed = await get(confirmLinkIn(mail));
    expect(confirmed.status, confirmed.text).toBe(200);
    expect((await subscriberOf(email)).state).toBe("active");
  }

  it("Should confirm by double opt-in: one confirmation email with a link, nothing else until it is followed, then updates", async () => {
    await subscribed("bob@example.org");
    const res = await subscribe("Alice@Example.org");
    expect(res.status).toBe(202);
    expect(JSON.parse(res.text).data.message).toMatch(/we've sent it an email with a link to confirm/);
    expect((await subscriberOf("alice@example.org")).state).toBe("pending");
    await engine.drain();

    const [confirmation, ...others] = sink.to("alice@example.org");
    expect(others).toEqual([]);
    expect(confirmation.subject).toBe(confirmSubject);
    expect(confirmation.from?.text).toBe('"Example Status" <status@status.example.com>');
    const link = confirmLinkIn(confirmation);
    expect(link).toMatch(/^https:\/\/status\.example\.com\/subscribe\/confirm\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(confirmation.html).toContain(`href="${link}"`);
    expect(header(confirmation, "Auto-Submitted")).toBe("auto-generated");

    // An incident while Alice has not confirmed: Bob hears of it, Alice does not.
    const first = await t.declare();
    await engine.drain();
    expect(updatesTo("bob@example.org")).toHaveLength(1);
    expect(sink.to("alice@example.org")).toHaveLength(1);
    expect(sink.rcptAttempts("alice@example.org")).toBe(1);
    expect(await rowOf(first.updateId)).toMatchObject({ state: "done" });

    t.clock.advance(minutes(1));
    const confirmed = await get(link);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain("You&#x27;re subscribed");
    const row = await subscriberOf("alice@example.org");
    expect(row).toMatchObject({ state: "active" });
    expect(row.confirmedAt?.toISOString()).toBe(t.clock.in(0));
    // Following it again changes nothing.
    expect(await get(link)).toMatchObject({ status: 200, text: expect.stringContaining("Already done") });

    t.clock.advance(minutes(1));
    await t.postUpdate(first.id, { message: "We found the cause.", status: "identified" });
    const second = await t.declare({ title: "Slow dashboard", message: "Pages load slowly." });
    await engine.drain();
    const alice = updatesTo("alice@example.org");
    // The update written before she confirmed is not sent afterwards.
    expect(alice.map((m) => m.subject).sort()).toEqual([
      "[Identified] API errors (Example Status)",
      "[Investigating] Slow dashboard (Example Status)",
    ]);
    expect(alice.some((m) => String(m.text).includes(`/incidents/${second.id}`))).toBe(true);
    expect(updatesTo("bob@example.org")).toHaveLength(3);
  });

  it("Should answer the same for a new, pending, active and unsubscribed address, and send at most one confirmation per address per 10 minutes", async () => {
    const fresh = await subscribe("new@example.org");
    const form = await subscribeForm("email=new2%40example.org");
    await engine.drain();
    expect(fresh.status).toBe(202);
    expect(form.status).toBe(202);
    expect(confirmationsTo("new@example.org")).toHaveLength(1);

    // Pending, asked again within 10 minutes (either case of the address): no second email.
    t.clock.advance(minutes(5));
    expect(await subscribe("NEW@example.org")).toMatchObject({ status: fresh.status, text: fresh.text });
    expect(await subscribeForm("email=new2%40example.org")).toMatchObject({ status: form.status, text: form.text });
    t.clock.advance(minutes(4) + 59_000);
    expect(await subscribe("new@example.org")).toMatchObject({ status: fresh.status, text: fresh.text });
    await engine.drain();
    expect(confirmationsTo("new@example.org")).toHaveLength(1);
    expect(confirmationsTo("new2@example.org")).toHaveLength(1);

    // Ten minutes after the last email: a fresh one, with a link that works.
    t.clock.advance(1000);
    expect(await subscribe("new@example.org")).toMatchObject({ status: fresh.status, text: fresh.text });
    await engine.drain();
    const both = confirmationsTo("new@example.org");
    expect(both).toHaveLength(2);
    expect(confirmLinkIn(both[1])).not.toBe(confirmLinkIn(both[0]));

    // Active: the same answer, no email, and the address stays as it was.
    await subscribed("active@example.org");
    const before = sink.count();
    t.clock.advance(minutes(11));
    expect(await subscribe("active@example.org")).toMatchObject({ status: fresh.status, text: fresh.text });
    expect(await subscribeForm("email=active%40example.org")).toMatchObject({ status: form.status, text: form.text });
    await engine.drain();
    expect(sink.count()).toBe(before);
    expect((await subscriberOf("active@example.org")).state).toBe("active");

    // Unsubscribed: the same answer, and a confirmation to come back.
    const gone = await subscriberOf("active@example.org");
    const link = await subscriberLink(t.db, publicUrl, gone.id, "unsubscribe", t.clock.read());
    expect((await oneClick(link)).status).toBe(200);
    expect((await subscriberOf("active@example.org")).state).toBe("unsubscribed");
    expect(await subscribe("active@example.org")).toMatchObject({ status: fresh.status, text: fresh.text });
    expect(await subscribeForm("email=active%40example.org")).toMatchObject({ status: form.status, text: form.text });
    await engine.drain();
    expect(confirmationsTo("active@example.org")).toHaveLength(2);
    expect((await subscriberOf("active@example.org")).state).toBe("pending");
  });

  it("Should take a form post with repeated components and answer in HTML", async () => {
    await t.call("POST", "/api/v1/components", { slug: "api", name: "Public API" });
    await t.call("POST", "/api/v1/components", { slug: "web", name: "Website" });
    const res = await subscribeForm("email=carol%40example.org&components=api&components=web");
    expect(res.status).toBe(202);
    expect(res.type).toMatch(/^text\/html/);
    expect(res.text).toContain("<h1>Check your inbox</h1>");
    const row = await subscriberOf("carol@example.org");
    expect(row.state).toBe("pending");
    expect(row.componentIds).toHaveLength(2);
    await engine.drain();
    const [mail] = confirmationsTo("carol@example.org");
    expect(mail.text).toMatch(/incident updates at this address for (Public API, Website|Website, Public API)\./);

    // One component is a string, not a list.
    expect((await subscribeForm("email=dan%40example.org&components=web")).status).toBe(202);
    expect((await subscriberOf("dan@example.org")).componentIds).toHaveLength(1);

    const unknown = await subscribeForm("email=erin%40example.org&components=nope");
    expect(unknown.status).toBe(400);
    expect(unknown.type).toMatch(/^text\/html/);
    expect(unknown.text).toContain("no component has slug &quot;nope&quot;");
    expect(await subscriberOf("erin@example.org")).toBeUndefined();
  });

  it("Should refuse a bad email with 400 naming email, as JSON and as a page", async () => {
    for (const email of ["not-an-email", "", "a@b", `${"x".repeat(250)}@example.org`]) {
      const res = await subscribe(email);
      expect(res.status, email).toBe(400);
      const body = JSON.parse(res.text);
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(body.error.details[0].field).toBe("email");
      expect(body.error.message).toMatch(/^email: /);
    }
    const missing = await t.app.request("/subscribe", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.99" },
      body: JSON.stringify({ components: [] }),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { details: { field: string }[] } }).error.details[0].field).toBe(
      "email",
    );
    const page = await subscribeForm("email=nope");
    expect(page.status).toBe(400);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.text).toContain("email: must be an email address");
    await engine.drain();
    expect(sink.count()).toBe(0);
    expect(await t.db.select().from(subscribers)).toEqual([]);
  });

  it("Should answer 429 after 10 requests from one client in 10 minutes, as JSON and as a page", async () => {
    const client = "203.0.113.7";
    for (let i = 0; i < 10; i++) {
      expect((await subscribe(`limit${i}@example.org`, undefined, client)).status).toBe(202);
    }
    const refused = await subscribe("limit10@example.org", undefined, client);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text).error.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.headers.get("retry-after")).toBe("600");
    const page = await subscribeForm("email=limit11%40example.org", client);
    expect(page.status).toBe(429);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.text).toContain("Too many requests");
    // Another client is not held back, and the first may go on after the window.
    expect((await subscribe("other@example.org", undefined, "203.0.113.8")).status).toBe(202);
    expect(await subscriberOf("limit10@example.org")).toBeUndefined();
    await engine.drain();
    expect(sink.count()).toBe(11);
    t.clock.advance(minutes(10));
    expect((await subscribe("limit10@example.org", undefined, client)).status).toBe(202);
  });

  it("Should send every update with its subject, both parts, the incident link, one-click unsubscribe headers and one thread", async () => {
    await subscribed("alice@example.org");
    await subscribed("bob@example.org");
    sink.clear();
    const { id } = await t.declare({ message: "We see errors on the API." });
    await engine.drain();
    t.clock.advance(minutes(5));
    await t.postUpdate(id, { message: "A bad deploy; rolling back.", status: "identified" });
    await engine.drain();
    t.clock.advance(minutes(5));
    await t.postUpdate(id, { message: "Rolled back; watching.", status: "monitoring" });
    await engine.drain();

    for (const email of ["alice@example.org", "bob@example.org"]) {
      const mails = sink.to(email);
      expect(mails.map((m) => m.subject)).toEqual([
        "[Investigating] API errors (Example Status)",
        "[Identified] API errors (Example Status)",
        "[Monitoring] API errors (Example Status)",
      ]);
      for (const mail of mails) {
        expect(mail.from?.text).toBe('"Example Status" <status@status.example.com>');
        expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe(email);
        expect(typeof mail.html === "string" && mail.html.length > 0).toBe(true);
        expect(typeof mail.text === "string" && mail.text.length > 0).toBe(true);
        expect(mail.html).toContain(`href="${publicUrl}/incidents/${id}"`);
        expect(mail.text).toContain(`${publicUrl}/incidents/${id}`);
        const unsubscribe = unsubscribeLinkIn(mail);
        expect(unsubscribe).toMatch(/^https:\/\/status\.example\.com\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
        expect(mail.text).toContain(unsubscribe);
        expect(header(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
        expect(header(mail, "Auto-Submitted")).toBe("auto-generated");
        expect(header(mail, "List-Id")).toBe("Example Status incidents <incidents.status.example.com>");
      }
      expect(mails[0].text).toContain("We see errors on the API.");
      expect(mails[1].text).toContain("A bad deploy; rolling back.");
      // One thread: the first email is the root every later one replies to.
      const root = mails[0].messageId as string;
      expect(root).toMatch(/^<.+@status\.example\.com>$/);
      expect(mails[0].inReplyTo).toBeUndefined();
      for (const later of mails.slice(1)) {
        expect(later.messageId).not.toBe(root);
        expect(later.inReplyTo).toBe(root);
        expect(references(later)).toContain(root);
      }
    }
    // Each subscriber's thread is their own.
    expect(sink.to("alice@example.org")[0].messageId).not.toBe(sink.to("bob@example.org")[0].messageId);
    expect(sink.count()).toBe(6);
  });

  it("Should escape a message's markup in the HTML part and keep it verbatim in the text part", async () => {
    await subscribed("alice@example.org");
    const message = `Errors on <script>alert("x")</script> & retries at <b>50%</b>`;
    await t.declare({ title: "Login & signup <down>", message });
    await engine.drain();
    const [mail] = updatesTo("alice@example.org");
    expect(mail.subject).toBe("[Investigating] Login & signup <down> (Example Status)");
    const html = String(mail.html);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>50%");
    expect(html).not.toContain("<down>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; retries at &lt;b&gt;50%&lt;/b&gt;");
    expect(html).toContain("Login &amp; signup &lt;down&gt;");
    expect(mail.text).toContain(message);
    expect(mail.text).toContain("Login & signup <down>");
    expect(String(mail.text)).not.toContain("&lt;");
    expect(String(mail.text)).not.toContain("&amp;");
  });

  it("Should unsubscribe on a one-click POST to the List-Unsubscribe URL, and never on a GET", async () => {
    await subscribed("alice@example.org");
    await subscribed("bob@example.org");
    const { id } = await t.declare();
    await engine.drain();
    const link = unsubscribeLinkIn(updatesTo("alice@example.org")[0]);

    // Mail scanners follow links: a GET shows a button and changes nothing.
    const page = await get(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<form method="post" action="${new URL(link).pathname}">`);
    expect(page.text).toContain("Unsubscribe</button>");
    expect((await subscriberOf("alice@example.org")).state).toBe("active");
    await t.postUpdate(id, { message: "Still on it." });
    await engine.drain();
    expect(updatesTo("alice@example.org")).toHaveLength(2);

    const done = await oneClick(link);
    expect(done.status).toBe(200);
    expect(done.text).toContain("You&#x27;re unsubscribed");
    expect(await subscriberOf("alice@example.org")).toMatchObject({ state: "unsubscribed" });
    expect((await oneClick(link)).text).toContain("Already done");

    await t.postUpdate(id, { message: "Fixed.", status: "resolved" });
    await t.declare({ title: "Another one" });
    await engine.drain();
    expect(updatesTo("alice@example.org")).toHaveLength(2);
    expect(updatesTo("bob@example.org")).toHaveLength(4);
  });

  it("Should answer 404 for a tampered link and 410 for an expired one, changing nothing", async () => {
    expect((await subscribe("late@example.org")).status).toBe(202);
    expect((await subscribe("early@example.org")).status).toBe(202);
    await engine.drain();
    const lateLink = confirmLinkIn(confirmationsTo("late@example.org")[0]);
    const earlyLink = confirmLinkIn(confirmationsTo("early@example.org")[0]);

    const [body, signature] = lateLink.slice(lateLink.lastIndexOf("/") + 1).split(".");
    const flipped = signature.at(-2) === "A" ? "B" : "A";
    const tampered = [
      `${body}.${signature.slice(0, -2)}${flipped}${signature.at(-1)}`,
      // Another subscriber's id in a payload signed for this one.
      `${Buffer.from(JSON.stringify({ sub: "sub_someoneelse", purpose: "confirm", exp: 9_999_999_999 })).toString("base64url")}.${signature}`,
      "garbage",
      `${body}.${signature}.extra`,
    ];
    for (const token of tampered) {
      const res = await get(`${publicUrl}/subscribe/confirm/${token}`);
      expect(res.status, token).toBe(404);
      expect(res.text).toContain("This link does not work");
      const post = await oneClick(`${publicUrl}/unsubscribe/${token}`);
      expect(post.status, token).toBe(404);
    }
    // A confirmation link is not an unsubscribe link.
    expect((await oneClick(`${publicUrl}/unsubscribe/${body}.${signature}`)).status).toBe(404);
    expect((await subscriberOf("late@example.org")).state).toBe("pending");

    // 48 hours: a second before, the link works; from then on, it has expired.
    t.clock.advance(hours(48) - 1000);
    expect((await get(earlyLink)).status).toBe(200);
    t.clock.advance(1000);
    const expired = await get(lateLink);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain("This link has expired");
    expect((await subscriberOf("late@example.org")).state).toBe("pending");

    // An unsubscribe link lasts a year.
    await t.declare();
    await engine.drain();
    const unsubscribe = unsubscribeLinkIn(updatesTo("early@example.org")[0]);
    const [ub, us] = unsubscribe.slice(unsubscribe.lastIndexOf("/") + 1).split(".");
    const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(ub, "base64url").toString()), exp: 9_999_999_999 })).toString("base64url")}.${us}`;
    expect((await oneClick(`${publicUrl}/unsubscribe/${forged}`)).status).toBe(404);
    t.clock.advance(hours(366 * 24));
    const old = await oneClick(unsubscribe);
    expect(old.status).toBe(410);
    expect(old.text).toContain("This link has expired");
    expect((await subscriberOf("early@example.org")).state).toBe("active");
  });

  it("Should send a component subscriber incidents touching that component or none, and not ones touching only others", async () => {
    await t.call("POST", "/api/v1/components", { slug: "a", name: "Component A" });
    await t.call("POST", "/api/v1/components", { slug: "b", name: "Component B" });
    await subscribed("only-a@example.org", ["a"]);
    await subscribed("only-b@example.org", ["b"]);
    await subscribed("both@example.org", ["a", "b"]);
    await subscribed("all@example.org");
    const confirmation = confirmationsTo("only-a@example.org")[0];
    expect(confirmation.text).toContain("for Component A.");

    const touchesA = await t.declare({ title: "A down", components: { a: "major_outage" } });
    const touchesB = await t.declare({ title: "B down", components: { b: "partial_outage" } });
    await t.declare({ title: "Nothing named" });
    await t.declare({ title: "A and B", components: { a: "degraded_performance", b: "major_outage" } });
    await engine.drain();
    const titles = (email: string) =>
      updatesTo(email)
        .map((m) => String(m.subject).replace(/^\[\w+\] (.*) \(Example Status\)$/, "$1"))
        .sort();
    expect(titles("only-a@example.org")).toEqual(["A and B", "A down", "Nothing named"]);
    expect(titles("only-b@example.org")).toEqual(["A and B", "B down", "Nothing named"]);
    expect(titles("both@example.org")).toEqual(["A and B", "A down", "B down", "Nothing named"]);
    expect(titles("all@example.org")).toEqual(["A and B", "A down", "B down", "Nothing named"]);

    // An update that brings A into B's incident reaches A's subscriber from then on.
    await t.postUpdate(touchesB.id, { message: "A is affected too.", components: { a: "partial_outage" } });
    await t.postUpdate(touchesA.id, { message: "Still down." });
    await engine.drain();
    expect(titles("only-a@example.org")).toEqual(["A and B", "A down", "A down", "B down", "Nothing named"]);
    expect(titles("only-b@example.org")).toEqual(["A and B", "B down", "B down", "Nothing named"]);
  });

  it("Should deliver to the others on a 4xx, retry after the backoff, and give each recipient each update exactly once", async () => {
    for (const email of ["a@example.org", "b@example.org", "c@example.org", "d@example.org"]) await subscribed(email);
    sink.clear();
    sink.deferRecipient("b@example.org", 451, "Mailbox busy, try later");
    sink.deferRecipient("d@example.org", 452, "Insufficient storage");
    const { updateId } = await t.declare();
    await engine.drain();
    expect(sink.to("a@example.org")).toHaveLength(1);
    expect(sink.to("c@example.org")).toHaveLength(1);
    expect(sink.to("b@example.org")).toHaveLength(0);
    const row = await rowOf(updateId);
    expect(row).toMatchObject({ state: "pending", attempts: 1 });
    expect(row.lastError).toBe("SMTP deferred 2 recipient(s) (4xx); they get it on the next attempt");
    // Deferred is not failed: nothing recorded, no failure counted.
    const b = await subscriberOf("b@example.org");
    expect(b).toMatchObject({ state: "active", failures: 0 });
    expect(await t.db.select().from(deliveries).where(eq(deliveries.recipient, b.id))).toEqual([]);

    // Backoff after the first attempt: 2 s × 0.75.
    t.clock.advance(1499);
    await engine.drain();
    expect(sink.rcptAttempts("b@example.org")).toBe(1);
    t.clock.advance(1);
    sink.allow("d@example.org");
    await engine.drain();
    // d is through; b is still deferred, and only b and d were tried again.
    expect(sink.rcptAttempts("b@example.org")).toBe(2);
    expect(sink.rcptAttempts("a@example.org")).toBe(1);
    expect(sink.rcptAttempts("c@example.org")).toBe(1);
    expect(sink.to("d@example.org")).toHaveLength(1);
    expect(await rowOf(updateId)).toMatchObject({ state: "pending", attempts: 2 });

    sink.allow("b@example.org");
    t.clock.advance(3000);
    await engine.drain();
    expect(await rowOf(updateId)).toMatchObject({ state: "done", attempts: 3 });
    expect(Object.fromEntries(sink.countsByRecipient())).toEqual({
      "a@example.org": 1,
      "b@example.org": 1,
      "c@example.org": 1,
      "d@example.org": 1,
    });
    // The same email, thread and all, whenever it went.
    const ids = new Set(
      ["a", "b", "c", "d"].map((x) => sink.to(`${x}@example.org`)[0].messageId?.replace(/\.sub_\w+@/, "@")),
    );
    expect(ids.size).toBe(1);
    expect(await t.db.select().from(deliveries).where(eq(deliveries.updateId, updateId))).toHaveLength(4);

    t.clock.advance(minutes(10));
    await engine.drain();
    expect(sink.count()).toBe(4);
  });

  it("Should record a 5xx recipient as failed, suppress the address after three in a row, and try it no more", async () => {
    for (const email of ["good@example.org", "gone@example.org", "flaky@example.org"]) await subscribed(email);
    sink.clear();
    sink.rejectRecipient("gone@example.org", 550, "No such user");
    sink.rejectRecipient("flaky@example.org", 552, "Mailbox full");
    const { id, updateId } = await t.declare();
    await engine.drain();
    expect(await rowOf(updateId)).toMatchObject({ state: "done", attempts: 1 });
    const gone = await subscriberOf("gone@example.org");
    expect(gone).toMatchObject({ state: "active", failures: 1 });
    expect(gone.lastError).toMatch(/550 No such user/);
    const [failed] = await t.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.updateId, updateId), eq(deliveries.recipient, gone.id)));
    expect(failed.receipt).toMatchObject({ failed: true, error: expect.stringMatching(/550 No such user/) });

    // The row is done: no retry for a hard failure.
    t.clock.advance(minutes(1));
    await engine.drain();
    expect(sink.rcptAttempts("gone@example.org")).toBe(1);

    // Flaky's mailbox empties before the second update: its run starts again.
    sink.allow("flaky@example.org");
    await t.postUpdate(id, { message: "Second." });
    await engine.drain();
    expect(await subscriberOf("gone@example.org")).toMatchObject({ state: "active", failures: 2 });
    expect(await subscriberOf("flaky@example.org")).toMatchObject({ state: "active", failures: 0 });
    sink.rejectRecipient("flaky@example.org", 552, "Mailbox full");

    t.clock.advance(minutes(1));
    await t.postUpdate(id, { message: "Third." });
    await engine.drain();
    expect(await subscriberOf("gone@example.org")).toMatchObject({ state: "suppressed", failures: 3 });
    expect(await subscriberOf("flaky@example.org")).toMatchObject({ state: "active", failures: 1 });

    // Suppressed: never asked about again, even once the server would take it.
    sink.allow("gone@example.org");
    t.clock.advance(minutes(1));
    await t.postUpdate(id, { message: "Fourth." });
    await t.declare({ title: "Another incident" });
    await engine.drain();
    expect(sink.rcptAttempts("gone@example.org")).toBe(3);
    expect(sink.to("gone@example.org")).toEqual([]);
    expect(sink.to("good@example.org")).toHaveLength(5);
    expect(sink.rcptAttempts("good@example.org")).toBe(5);
    // Asking to subscribe again does not lift a suppression (nor say so).
    expect((await subscribe("gone@example.org")).status).toBe(202);
    await engine.drain();
    expect(confirmationsTo("gone@example.org")).toEqual([]);
    expect((await subscriberOf("gone@example.org")).state).toBe("suppressed");
  });
  it("Should send over one pool of at most 3 SMTP connections, each carrying many messages", async () => {
    const emails = await activeSubscribers(45, "pool");
    const { updateId } = await t.declare();
    await engine.drain();
    expect(sink.count()).toBe(45);
    expect(new Set(sink.messages.flatMap((m) => m.to))).toEqual(new Set(emails));
    const { opened, maxOpen } = sink.connections();
    expect(maxOpen).toBeLessThanOrEqual(3);
    expect(opened).toBeLessThanOrEqual(3);
    expect(await rowOf(updateId)).toMatchObject({ state: "done", attempts: 1 });
    expect(await t.db.select().from(deliveries).where(eq(deliveries.updateId, updateId))).toHaveLength(45);
  });

  it("Should retry a confirmation email the server defers, and give up on one it refuses, counting the failure", async () => {
    sink.deferRecipient("later@example.org");
    sink.rejectRecipient("nobody@example.org", 550, "No such user");
    expect((await subscribe("later@example.org")).status).toBe(202);
    expect((await subscribe("nobody@example.org")).status).toBe(202);
    await engine.drain();
    expect(sink.count()).toBe(0);
    const rowFor = async (email: string) => {
      const { id } = await subscriberOf(email);
      const rows = await t.db.select().from(outbox).where(eq(outbox.topic, "email.confirm"));
      return rows.find((r) => r.payload.subscriberId === id);
    };
    expect(await rowFor("later@example.org")).toMatchObject({ state: "pending", attempts: 1 });
    expect(await rowFor("nobody@example.org")).toMatchObject({ state: "dead" });
    expect(await subscriberOf("nobody@example.org")).toMatchObject({ state: "pending", failures: 1 });

    sink.allow("later@example.org");
    t.clock.advance(1500);
    await engine.drain();
    expect(confirmationsTo("later@example.org")).toHaveLength(1);
    expect((await get(confirmLinkIn(confirmationsTo("later@example.org")[0]))).status).toBe(200);
    expect(sink.count()).toBe(1);
  });

  it("Should name a component subscriber's components in the footer of each update email", async () => {
    await t.call("POST", "/api/v1/components", { slug: "a", name: "Component A" });
    await subscribed("only-a@example.org", ["a"]);
    await t.declare({ title: "A down", components: { a: "major_outage" } });
    await engine.drain();
    const [mail] = updatesTo("only-a@example.org");
    expect(mail.text).toContain("You get this email because you subscribed to Example Status updates for Component A.");
    expect(mail.html).toContain("updates for Component A.");
  });

  it("Should list only recipients not yet reached, reading on past whole batches already reached", async () => {
    await activeSubscribers(30, "resume");
    t.clock.advance(1_000);
    const { id, updateId } = await t.declare();
    const update = { id: updateId, incidentId: id, createdAt: t.clock.read() };
    // As after a crash: the first 21 and the 25th were reached already.
    const reached = [...Array.from({ length: 21 }, (_, i) => i), 24].map(
      (i) => `sub_resume${String(i).padStart(4, "0")}`,
    );
    await t.db.insert(deliveries).values([
      ...reached.map((recipient) => ({ updateId, channel: "email", recipient, deliveredAt: t.clock.read() })),
      // Another channel's delivery does not count for email.
      { updateId, channel: "webhook", recipient: "sub_resume0021", deliveredAt: t.clock.read() },
    ]);
    const first = await directory().pending(update, null, 10);
    expect(first.map((r) => r.id)).toEqual(
      [21, 22, 23, 25, 26, 27, 28, 29].map((i) => `sub_resume${String(i).padStart(4, "0")}`),
    );
    expect(await directory().pending(update, first[first.length - 1].id, 10)).toEqual([]);
  });

  it("Should stop a fanout whose claim another engine took over, re-sending at most what was in flight", async () => {
    // Two processes on one database, as engine-processes.test.ts runs them.
    // The first is alive and mid-fanout when its claim on the row (a 60 s
    // lease, never renewed) runs out, so the second claims the same row.
    const emails = await activeSubscribers(60, "lease");
    sink.setDataDelay(40);
    const { updateId } = await t.declare();
    const first = engine.drain();
    await sink.waitFor(9, 10_000);
    t.clock.advance(61_000);
    const other = emailChannel();
    try {
      const second = createEngine({
        db: t.db,
        config: t.config,
        clock: t.clock.read,
        channels: [other.channel],
        random: () => 0.5,
      });
      await second.drain();
      await first;
    } finally {
      await other.transport.close();
    }
    sink.setDataDelay(0);
    const counts = sink.countsByRecipient();
    expect(
      emails.filter((e) => !counts.has(e)),
      "never got it",
    ).toEqual([]);
    expect(await rowOf(updateId)).toMatchObject({ state: "done" });
    const twice = [...counts].filter(([, n]) => n > 1).map(([e]) => e);
    // The first engine stalled past its 60 s lease (the fake clock jumped), so
    // the second took the row over. The first renews its claim with every
    // group of recorded deliveries and stops once it finds the claim lost:
    // only what it had in flight or not yet recorded can go out twice, never
    // the whole list.
    expect(twice.length, "recipients who got the update twice").toBeLessThanOrEqual(50 + 6);
  });
  it("Should pause a fan-out at a pass's time limit, hand the row back, and finish it on the next pass, sending nobody twice", async () => {
    // A Workers pass: the engine is given a limit, and time passes it while the emails go out.
    const emails = await activeSubscribers(300, "pass");
    const { updateId } = await t.declare();
    engine.setDeadline(new Date(t.clock.read().getTime() + 45_000));
    sink.setDataDelay(() => {
      if (sink.count() === 120) t.clock.advance(46_000);
      return 0;
    });
    await engine.dispatchOnce();
    const paused = await rowOf(updateId);
    // Not a failure: no attempt used, no error, due again at once, claimable by the next pass.
    expect(paused).toMatchObject({ state: "pending", attempts: 0, lastError: null, lockedAt: null });
    expect(paused.runAt.getTime()).toBeLessThanOrEqual(t.clock.read().getTime());
    const sentSoFar = sink.count();
    expect(sentSoFar).toBeGreaterThanOrEqual(120);
    expect(sentSoFar).toBeLessThan(300);
    // Everything sent was recorded before the row was handed back.
    const recorded = await t.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.updateId, updateId), eq(deliveries.channel, "email")));
    expect(recorded).toHaveLength(sentSoFar);

    sink.setDataDelay(0);
    engine.setDeadline(null);
    await engine.dispatchOnce();
    expect(await rowOf(updateId)).toMatchObject({ state: "done" });
    const counts = sink.countsByRecipient();
    expect(emails.filter((e) => counts.get(e) !== 1)).toEqual([]);
    expect(sink.count()).toBe(300);
  });
});
