// ETA advice over a ledger built through the API: the preview route, and the
// advice in the answers that set an ETA (declare, update), on both databases.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { minutes } from "../support/time.ts";

describe.each(databaseKinds)("ETA advice on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(kind);
    for (const slug of ["api", "db"]) await t.call("POST", "/api/v1/components", { slug, name: slug.toUpperCase() });
  });
  afterEach(() => t.close());

  /** An incident that promised service back in `eta` minutes and was resolved `lasted` minutes after it began. */
  async function pastIncident(eta: number, lasted: number, more: Record<string, unknown> = {}) {
    const { id } = await t.declare({
      impact: "major",
      components: { api: "major_outage" },
      ...more,
      eta: t.clock.in(minutes(eta)),
    });
    t.clock.advance(minutes(lasted));
    await t.postUpdate(id, { message: "Fixed.", status: "resolved" });
    t.clock.advance(minutes(5));
    return id;
  }

  /** Six major api incidents: ETAs of 30 min, lasting 20, 30, 40, 45, 60 and 90 min (two met, four missed). */
  async function sixSimilar() {
    for (const lasted of [20, 30, 40, 45, 60, 90]) await pastIncident(30, lasted);
  }

  const preview = (query: string) => t.call("GET", `/api/v1/eta-advice?${query}`);

  it("Should give the record of similar incidents' ETAs and the ETA that would have held", async () => {
    await sixSimilar();
    await pastIncident(10, 50, { impact: "minor" }); // not similar: another impact
    const res = await preview("impact=major&components=api,db");
    expect(res.status, res.text).toBe(200);
    const now = t.clock.read();
    // Overruns 10, 15, 30, 60 min (p80: the 4th of 4); durations 20 … 90 min: the 5th of 6 (ceil(0.8 × 6)) is 60.
    expect(res.json.data).toEqual({
      enough_history: true,
      basis: "similar",
      window_days: 90,
      since: new Date(now.getTime() - 90 * 86_400_000).toISOString(),
      similar_etas: 6,
      etas: 6,
      met: 2,
      missed: 4,
      median_overrun_seconds: 1350,
      p80_overrun_seconds: 3600,
      age_seconds: 0,
      incidents_past_age: 6,
      eta_held_80: new Date(now.getTime() + minutes(60)).toISOString(),
      text: "Of 6 similar ETAs in 90 days, 2 were met; missed ones ran over by a median of 22 min (80% of them by 1 h or less). An ETA of 19:10 UTC would have held 80% of the time.",
    });
  });

  it("Should count as similar the same impact with a component in common, or the impact alone without components", async () => {
    await sixSimilar();
    await pastIncident(10, 50, { impact: "minor", components: { db: "partial_outage", api: "degraded_performance" } });
    const similarEtas = async (query: string) => (await preview(query)).json.data.similar_etas;
    expect(await similarEtas("impact=major")).toBe(6);
    expect(await similarEtas("impact=minor&components=db")).toBe(1);
    expect(await similarEtas("impact=minor&components=api")).toBe(1);
    expect(await similarEtas("impact=major&components=db")).toBe(0);
    expect(await similarEtas("impact=critical")).toBe(0);
  });

  it("Should fall back to all incidents when similar ones gave fewer than 5 ETAs", async () => {
    await sixSimilar();
    const res = await preview("impact=major&components=db");
    expect(res.json.data).toMatchObject({ basis: "all", similar_etas: 0, etas: 6, enough_history: true });
    expect(res.json.data.text).toMatch(/^Too few similar ETAs to go by \(0\), so all incidents: of 6 ETAs in 90 days/);
  });

  it("Should say so rather than guess with fewer than 5 ETAs", async () => {
    for (const lasted of [20, 40]) await pastIncident(30, lasted);
    const res = await preview("impact=major");
    expect(res.json.data).toMatchObject({
      enough_history: false,
      etas: 2,
      eta_held_80: null,
      p80_overrun_seconds: null,
    });
    expect(res.json.data.text).toBe("Only 2 ETAs came due in the last 90 days: too few to go by, so no advice.");
  });

  it("Should advise an open incident at its age, its own missed ETA not counted while it is open", async () => {
    await sixSimilar();
    const { id } = await t.declare({
      impact: "major",
      components: { api: "major_outage" },
      eta: t.clock.in(minutes(10)),
    });
    t.clock.advance(minutes(35));
    await t.postUpdate(id, { message: "Still on it.", eta: t.clock.in(minutes(5)) }); // its first ETA: missed
    const res = await preview(`incident=${id}`);
    expect(res.status, res.text).toBe(200);
    // 35 min in: the 40, 45, 60 and 90-minute incidents were still going: too few (4).
    expect(res.json.data).toMatchObject({ etas: 6, age_seconds: 2100, incidents_past_age: 4, eta_held_80: null });
    expect(res.json.data.text).toContain("Only 4 of those incidents lasted longer than this one has so far");
    // The update's own impact and components stand in for the incident's when given.
    const other = await preview(`incident=${id}&impact=minor`);
    expect(other.json.data).toMatchObject({ basis: "all", age_seconds: 2100 });
  });

  it("Should refuse what it cannot advise on, naming the field", async () => {
    const expectField = async (query: string, status: number, field: string | null) => {
      const res = await preview(query);
      expect(res.status, `${query}: ${res.text}`).toBe(status);
      if (field) expect(res.json.error.details[0].field, query).toBe(field);
    };
    await expectField("", 400, "impact");
    await expectField("impact=bad", 400, "impact");
    await expectField("impact=major&components=api,nope", 400, "components");
    await expectField("impact=major&components=Not%20A%20Slug", 400, "components");
    await expectField("incident=inc_nothing", 404, null);
    const maintenance = await t.scheduleMaintenance();
    await expectField(`incident=${maintenance}`, 400, "incident");
    const resolved = await pastIncident(30, 10);
    await expectField(`incident=${resolved}`, 409, null);
  });

  it("Should carry the advice in the answers that set an ETA, and post exactly what was asked", async () => {
    await sixSimilar();
    const eta = t.clock.in(minutes(45));
    const declared = await t.call("POST", "/api/v1/incidents", {
      title: "API down",
      message: "The API is down.",
      impact: "major",
      components: { api: "major_outage" },
      eta,
    });
    expect(declared.status, declared.text).toBe(201);
    const { data } = declared.json;
    const expected = (await preview("impact=major&components=api")).json.data;
    expect(data.eta_advice).toEqual(expected);
    // The advice informs; what customers get is the ETA the engineer gave.
    expect(data.eta).toBe(eta);
    expect(data.updates[0].message).toBe("The API is down.");
    const told = (await t.call("GET", "/api/v2/incidents.json", undefined, { token: null })).json.incidents[0];
    const hhmm = (iso: string) => iso.slice(11, 16);
    expect(told.incident_updates[0].body).toBe(
      `The API is down. We expect service back by ${hhmm(eta)} UTC. Next update by ${hhmm(t.clock.in(minutes(30)))} UTC.`,
    );

    t.clock.advance(minutes(20));
    const updated = await t.call("POST", `/api/v1/incidents/${data.id}/updates`, {
      message: "Rolling back.",
      eta: t.clock.in(minutes(30)),
    });
    expect(updated.status, updated.text).toBe(201);
    expect(updated.json.data.eta_advice).toMatchObject({ basis: "similar", age_seconds: 1200, etas: 6 });
    expect(updated.json.incident.eta).toBe(t.clock.in(minutes(30)));

    const withoutEta = await t.call("POST", `/api/v1/incidents/${data.id}/updates`, { message: "Still rolling back." });
    expect(withoutEta.json.data).not.toHaveProperty("eta_advice");
    const unknownEta = await t.call("POST", `/api/v1/incidents/${data.id}/updates`, { message: "Unsure.", eta: null });
    expect(unknownEta.json.data).not.toHaveProperty("eta_advice");
    const noEta = await t.call("POST", "/api/v1/incidents", { title: "Slow", message: "Slow pages." });
    expect(noEta.json.data).not.toHaveProperty("eta_advice");
  });
});
