import { and, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, OutboundUpdate } from "../../src/channels/types.ts";
import { auditLog, outbox } from "../../src/db/schema/index.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { minutes } from "../support/time.ts";

/** v2's form of an instant on a UTC page: milliseconds and a numeric offset. */
const v2Time = (at: Date) => at.toISOString().replace("Z", "+00:00");
/** The edited mark as a page or feed words it: "edited", then the time (with the date in a feed). */
const editedMark = (at: Date) => {
  const clock = `${at.toISOString().slice(11, 16)} UTC`;
  return new RegExp(`edited (<time[^>]*>)?(\\d+ \\w+ \\d{4}, )?${clock}`);
};

type FakeChannel = Channel & { sent: OutboundUpdate[] };

/** A channel sending each update to `recipients`; on X, the receipt says which post started the thread. */
function fakeChannel(name: string, notifyFlag: Channel["notifyFlag"], recipients: string[]): FakeChannel {
  const sent: OutboundUpdate[] = [];
  return {
    name,
    notifyFlag,
    sent,
    async deliver(update, ctx) {
      for (const to of recipients) {
        if (await ctx.alreadyDelivered(to)) continue;
        sent.push(update);
        await ctx.recordDelivery(to, name === "twitter" ? { starts_thread: update.seq === 1 } : {});
      }
    },
  };
}

describe.each(databaseKinds)("corrections on %s", (kind) => {
  let t: TestApp;
  let engine: Engine;
  let channels: FakeChannel[];

  beforeAll(async () => {
    channels = [
      fakeChannel("email", "email", ["a", "b", "c"]),
      fakeChannel("twitter", "twitter", ["thread"]),
      fakeChannel("webhook", "webhook", ["h1", "h2"]),
    ];
    t = await startTestApp(kind, { channels });
    engine = t.engine as Engine;
    for (const slug of ["api", "db"]) await t.call("POST", "/api/v1/components", { slug, name: slug.toUpperCase() });
  });
  afterAll(() => t.close());

  const path = (id: string, updateId?: string) =>
    updateId ? `/api/v1/incidents/${id}/updates/${updateId}` : `/api/v1/incidents/${id}`;
  const outboxRows = async () => (await t.db.select({ n: count() }).from(outbox))[0].n;
  const audits = (incidentId: string, action: string) =>
    t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, incidentId), eq(auditLog.action, action)))
      .orderBy(desc(auditLog.id));
  const page = async (url: string) => (await t.call("GET", url, undefined, { token: null })).text;
  const v2Incident = async (id: string) =>
    (await t.call("GET", "/api/v2/incidents.json", undefined, { token: null })).json.incidents.find(
      (i: { id: string }) => i.id === id,
    );
  const sentTo = (name: string) => (channels.find((c) => c.name === name) as FakeChannel).sent;

  it("Should correct an update's words on the page, incident page, feeds and v2, marked edited, notifying nobody", async () => {
    const { id, updateId } = await t.declare({
      message: "Logins fail for EU custmers.",
      components: { api: "major_outage" },
    });
    await engine.drain();
    expect(await page("/")).toContain("Logins fail for EU custmers.");
    const rowsBefore = await outboxRows();
    const declaredAt = t.clock.read();
    t.clock.advance(minutes(5));
    const editedAt = t.clock.read().toISOString();

    const res = await t.call("PATCH", path(id, updateId), { message: "Logins fail for EU customers." });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toMatchObject({
      id: updateId,
      message: "Logins fail for EU customers.",
      edited_at: editedAt,
    });
    expect(res.json.incident.updates[0].message).toBe("Logins fail for EU customers.");
    expect(res.json.channels_with_old_text).toEqual([
      { channel: "email", count: 3, note: expect.stringContaining("email") },
      { channel: "twitter", count: 1, note: expect.stringContaining("cannot edit") },
      { channel: "webhook", count: 2, note: expect.any(String) },
    ]);
    expect(res.json.pending_channels).toEqual([]);
    expect(await outboxRows(), "nobody is notified again").toBe(rowsBefore);
    const [audit] = await audits(id, "incident.update.edit");
    expect(audit.details).toEqual({
      updateId,
      previousMessage: "Logins fail for EU custmers.",
      message: "Logins fail for EU customers.",
    });

    for (const url of ["/", `/incidents/${id}`, "/history.atom", "/history.rss"]) {
      const html = await page(url);
      expect(html, url).toContain("Logins fail for EU customers.");
      expect(html, url).not.toContain("custmers");
      expect(html, url).toMatch(editedMark(t.clock.read()));
    }
    const [shown] = (await v2Incident(id)).incident_updates;
    expect(shown.body).toMatch(/^Logins fail for EU customers\. /);
    expect(shown.edited_at).toBe(v2Time(t.clock.read()));
    expect(shown.updated_at).toBe(shown.edited_at);
    expect(shown.created_at).toBe(v2Time(declaredAt));
  });

  it("Should correct an update of a resolved incident: typos are found late", async () => {
    const { id } = await t.declare({ title: "Search slow" });
    const resolveId = await t.postUpdate(id, { message: "Serch is fast again.", status: "resolved" });
    t.clock.advance(minutes(90));
    const res = await t.call("PATCH", path(id, resolveId), { message: "Search is fast again." });
    expect(res.status, res.text).toBe(200);
    expect(res.json.incident.status).toBe("resolved");
    expect(await page(`/incidents/${id}`)).toContain("Search is fast again.");
  });

  it("Should refuse to correct a status or a promise line, naming the field: a change is a new update", async () => {
    const { id, updateId } = await t.declare({ message: "Checking.", next_update_in: "PT20M" });
    const cases: [string, Record<string, unknown>, string][] = [
      [path(id, updateId), { message: "Checked.", status: "resolved" }, "status"],
      [path(id, updateId), { message: "Checked.", eta: t.clock.in(minutes(60)) }, "eta"],
      [path(id, updateId), { next_update_in: "PT2H" }, "next_update_in"],
      [path(id, updateId), { message: "Checked.", next_update_at: t.clock.in(minutes(60)) }, "next_update_at"],
      [path(id), { title: "New", status: "monitoring" }, "status"],
      [path(id), { title: "New", eta: null }, "eta"],
    ];
    for (const [url, body, field] of cases) {
      const res = await t.call("PATCH", url, body);
      expect(res.status, `${field}: ${res.text}`).toBe(400);
      const problem = res.json.error.details.find((d: { field: string }) => d.field === field);
      expect(problem?.message, res.text).toMatch(/commitment.*a change is a new update|a change is a new update/);
    }
    const unknown = await t.call("PATCH", path(id, updateId), { message: "Checked.", colour: "red" });
    expect(unknown.json.error.details).toEqual([{ field: "colour", message: "is not a known field" }]);
    const after = (await t.call("GET", path(id))).json.data;
    expect(after.updates[0]).toMatchObject({ message: "Checking.", status: "investigating", edited_at: null });
    expect(after.title).toBe("API errors");
    expect(await audits(id, "incident.update.edit")).toEqual([]);
  });

  it("Should correct a title, listing the copies that named it: the thread's first post, every email and webhook call", async () => {
    const { id } = await t.declare({ title: "Paymnets down" });
    await t.postUpdate(id, { message: "Still on it." });
    await engine.drain();
    t.clock.advance(minutes(3));
    const res = await t.call("PATCH", path(id), { title: "Payments down" });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toMatchObject({ title: "Payments down", title_edited_at: t.clock.read().toISOString() });
    expect(
      res.json.channels_with_old_text.map((c: { channel: string; count: number }) => [c.channel, c.count]),
    ).toEqual([
      ["email", 6],
      ["twitter", 1],
      ["webhook", 4],
    ]);
    const [audit] = await audits(id, "incident.edit");
    expect(audit.details).toEqual({ previousTitle: "Paymnets down", title: "Payments down" });
    for (const url of ["/", `/incidents/${id}`, "/history.atom"]) {
      const html = await page(url);
      expect(html, url).toContain("Payments down");
      expect(html, url).not.toContain("Paymnets");
      expect(html, url).toContain("Title edited");
    }
    const shown = await v2Incident(id);
    expect(shown.name).toBe("Payments down");
    expect(shown.name_edited_at).toBe(v2Time(t.clock.read()));
  });

  it("Should send the corrected words where the update had not gone out yet", async () => {
    const { id, updateId } = await t.declare({ title: "Typo before sending", message: "Teh API is down." });
    const res = await t.call("PATCH", path(id, updateId), { message: "The API is down." });
    expect(res.json.channels_with_old_text).toEqual([]);
    expect(res.json.pending_channels).toEqual(["email", "twitter", "webhook"]);
    await engine.drain();
    for (const name of ["email", "twitter", "webhook"]) {
      const copies = sentTo(name).filter((u) => u.updateId === updateId);
      expect(copies.length, name).toBeGreaterThan(0);
      for (const u of copies) expect(u.message, name).toBe("The API is down.");
    }
  });

  it("Should hide an update from the page, incident page, feeds and v2, and show it marked to API keys", async () => {
    const { id, updateId: first } = await t.declare({ title: "Checkout errors", message: "Checkout fails." });
    const wrong = await t.postUpdate(id, { message: "Customer ACME-42 is the cause." });
    await engine.drain();
    t.clock.advance(minutes(1));
    const res = await t.call("DELETE", path(id, wrong));
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toMatchObject({ id: wrong, hidden: true, hidden_at: t.clock.read().toISOString() });
    expect(res.json.channels_with_old_text.map((c: { channel: string }) => c.channel)).toEqual([
      "email",
      "twitter",
      "webhook",
    ]);
    const [audit] = await audits(id, "incident.update.hide");
    expect(audit.details).toMatchObject({ updateId: wrong, message: "Customer ACME-42 is the cause." });

    for (const url of ["/", `/incidents/${id}`, "/history.atom", "/history.rss", "/api/v2/incidents.json"]) {
      const text = await page(url);
      expect(text, url).toContain("Checkout fails.");
      expect(text, url).not.toContain("ACME-42");
    }
    const v2 = await v2Incident(id);
    expect(v2.incident_updates.map((u: { id: string }) => u.id)).toEqual([first]);
    const api = (await t.call("GET", path(id))).json.data;
    expect(api.updates.map((u: { id: string; hidden: boolean }) => [u.id, u.hidden])).toEqual([
      [wrong, true],
      [first, false],
    ]);
    const again = await t.call("DELETE", path(id, wrong));
    expect(again.status).toBe(200);
    expect(await audits(id, "incident.update.hide")).toHaveLength(1);
    const edit = await t.call("PATCH", path(id, wrong), { message: "Reworded." });
    expect(edit.status).toBe(409);
    expect(edit.json.error.message).toMatch(/is hidden/);
  });

  it("Should refuse to hide the first update, which announced the incident", async () => {
    const { id, updateId } = await t.declare({ title: "First stays" });
    const res = await t.call("DELETE", path(id, updateId));
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/first update .* cannot be hidden; correct its words with PATCH/);
    expect((await t.call("GET", path(id))).json.data.updates[0].hidden).toBe(false);
  });

  it("Should withdraw an update hidden before it went out: no channel sends it", async () => {
    const { id } = await t.declare({ title: "Withdrawn" });
    await engine.drain();
    const wrong = await t.postUpdate(id, { message: "Posted to the wrong incident." });
    const res = await t.call("DELETE", path(id, wrong));
    expect(res.json.pending_channels).toEqual(["email", "twitter", "webhook"]);
    expect(res.json.channels_with_old_text).toEqual([]);
    await engine.drain();
    for (const c of channels)
      expect(
        c.sent.some((u) => u.updateId === wrong),
        c.name,
      ).toBe(false);
    const rows = await t.db.select().from(outbox).where(eq(outbox.updateId, wrong));
    expect(rows.map((r) => [r.state, r.lastError])).toEqual(
      rows.map(() => ["done", "withdrawn: the update was hidden before it went out"]),
    );
  });

  it("Should refuse to correct or hide Candor's own automatic updates, saying why", async () => {
    const { id } = await t.declare({ title: "Quiet incident", next_update_in: "PT10M" });
    t.clock.advance(minutes(10));
    await engine.tick();
    const holding = (await t.call("GET", path(id))).json.data.updates[0];
    expect(holding.kind).toBe("holding");
    for (const [method, body] of [
      ["PATCH", { message: "Reworded." }],
      ["DELETE", undefined],
    ] as const) {
      const res = await t.call(method, path(id, holding.id), body);
      expect(res.status, res.text).toBe(409);
      expect(res.json.error.message).toMatch(/posted by Candor itself \(holding\)/);
    }
  });

  it("Should answer 404 for an update of another incident, and 409 for a maintenance", async () => {
    const a = await t.declare({ title: "A" });
    const b = await t.declare({ title: "B" });
    expect((await t.call("PATCH", path(a.id, b.updateId), { message: "x" })).status).toBe(404);
    expect((await t.call("DELETE", path(a.id, "upd_missing"))).status).toBe(404);
    expect((await t.call("PATCH", path("inc_missing"), { title: "x" })).status).toBe(404);
    const m = await t.scheduleMaintenance();
    const res = await t.call("PATCH", path(m), { title: "Renamed" });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain(`/api/v1/maintenances/${m}`);
  });
});
