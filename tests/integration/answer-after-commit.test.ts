import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { incidents, subscribers } from "../../src/db/schema/index.ts";
import { type ServiceContext, systemActor } from "../../src/services/context.ts";
import { declareIncident, postIncidentUpdate } from "../../src/services/incidents/index.ts";
import {
  cancelMaintenance,
  editMaintenance,
  postMaintenanceUpdate,
  scheduleMaintenance,
} from "../../src/services/maintenances/index.ts";
import { addSubscriber } from "../../src/services/subscribers/index.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { hours } from "../support/time.ts";

/**
 * A database that commits a verb's transaction and then loses its
 * connection, as a pool does when Postgres restarted between two queries.
 * A verb that read its answer after the commit would then answer 503
 * "nothing was changed" for a write that was stored, and the client's retry
 * would make it twice.
 */
function lostAfterCommit(db: Db): Db {
  let committed = false;
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "transaction") {
        return async (...args: unknown[]) => {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          committed = true;
          return result;
        };
      }
      return (...args: unknown[]) => {
        if (committed) throw Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe.each(databaseKinds)("answers read before the commit (%s)", (kind) => {
  let t: TestApp;
  const ctx = (): ServiceContext => ({
    db: lostAfterCommit(t.db),
    config: t.config,
    clock: t.clock.read,
    actor: systemActor,
  });

  beforeAll(async () => {
    t = await startTestApp(kind);
    expect((await t.call("POST", "/api/v1/components", { slug: "db", name: "Database" })).status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("Should answer a declared incident and its update from the transaction, with the connection lost after the commit", async () => {
    const declared = await declareIncident(ctx(), { title: "Lost after commit", message: "Looking." });
    expect(declared).toMatchObject({ title: "Lost after commit", status: "investigating" });
    expect(declared.updates.map((u) => u.body)).toEqual(["Looking."]);

    const { incident, update } = await postIncidentUpdate(ctx(), {
      incidentId: declared.id,
      message: "Found it.",
      status: "identified",
    });
    expect(update).toMatchObject({ body: "Found it.", seq: 2, status: "identified" });
    expect(incident.updates.map((u) => u.body)).toEqual(["Found it.", "Looking."]);
    const [{ n }] = await t.db.select({ n: count() }).from(incidents).where(eq(incidents.title, "Lost after commit"));
    expect(n).toBe(1);
  });

  it("Should answer every maintenance verb from its transaction, with the connection lost after the commit", async () => {
    const scheduled = await scheduleMaintenance(ctx(), {
      title: "Lost-after-commit window",
      message: "Planned work.",
      components: [],
      startsAt: new Date(t.clock.in(hours(24))),
      endsAt: new Date(t.clock.in(hours(25))),
      allowPeakHours: true,
    });
    expect(scheduled).toMatchObject({ kind: "maintenance", title: "Lost-after-commit window" });

    const edited = await editMaintenance(ctx(), { id: scheduled.id, title: "Renamed window" });
    expect(edited.title).toBe("Renamed window");
    const progressed = await postMaintenanceUpdate(ctx(), { id: scheduled.id, message: "Still planned." });
    expect(progressed.updates[0].body).toBe("Still planned.");
    const cancelled = await cancelMaintenance(ctx(), { id: scheduled.id, message: "Called off." });
    expect(cancelled.updates[0].body).toBe("Called off.");
  });

  it("Should answer a new subscriber from the transaction, with the connection lost after the commit", async () => {
    const added = await addSubscriber(ctx(), {
      type: "email",
      email: "lost-after-commit@example.com",
      components: ["db"],
    });
    expect(added).toMatchObject({
      created: true,
      subscriber: { email: "lost-after-commit@example.com", components: ["db"] },
    });
    const [{ n }] = await t.db
      .select({ n: count() })
      .from(subscribers)
      .where(eq(subscribers.email, "lost-after-commit@example.com"));
    expect(n).toBe(1);
  });
});
