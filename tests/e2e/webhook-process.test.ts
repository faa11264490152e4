// End to end: webhook safety in real Candor processes (the Node entry, its
// node:http sender and the system resolver). Every URL here is 127.0.0.1 or
// localhost, so nothing leaves the machine; refusals happen before any connection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscribers } from "../../src/db/schema/index.ts";
import { newId } from "../../src/lib/ids.ts";
import { api, killAll, removeDir, startCandor, tempDir } from "../support/candor-process.ts";
import { openTestDatabase } from "../support/db.ts";
import { nodeEntry } from "../support/log-file.ts";
import { freePort } from "../support/postgres-server.ts";
import { waitFor } from "../support/wait.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

const adminToken = "e2e-webhook-admin-token-0123456789";
const dirs: string[] = [];
const databases: Awaited<ReturnType<typeof openTestDatabase>>[] = [];
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await killAll();
  await receiver?.close();
  await Promise.all(databases.map((db) => db.close()));
  for (const dir of dirs) removeDir(dir);
});

async function start(allowPrivate: "on" | "off") {
  const dir = tempDir("candor-e2e-webhook-");
  dirs.push(dir);
  const db = await openTestDatabase("postgres");
  databases.push(db);
  const candor = await startCandor(
    {
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      DATA_DIR: dir,
      DATABASE_URL: db.url as string,
      PUBLIC_URL: "https://status.example.com",
      CANDOR_ADMIN_TOKEN: adminToken,
      LOG_CHANNEL: "off",
      WEBHOOK_ALLOW_PRIVATE: allowPrivate,
    },
    nodeEntry,
  );
  const call = (method: string, path: string, body?: unknown) =>
    api(candor.baseUrl, method, path, { key: adminToken, body });
  return { candor, db, call };
}

describe("webhooks from a Candor process", () => {
  let off: Awaited<ReturnType<typeof start>>;
  let on: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    [off, on] = await Promise.all([start("off"), start("on")]);
  }, 60_000);

  it("Should refuse local webhook URLs by default, and never call one stored before the rule", async () => {
    const port = new URL(receiver.url).port;
    for (const url of [`http://127.0.0.1:${port}/a`, `http://localhost:${port}/b`, `http://2130706433:${port}/c`]) {
      const res = await off.call("POST", "/api/v1/subscribers", { type: "webhook", url });
      expect(res.status, res.text).toBe(400);
      expect(res.json.error.details[0].field).toBe("url");
    }
    // A row written before the rule existed, with credentials in it too.
    const now = new Date();
    await off.db.db.insert(subscribers).values({
      id: newId("sub"),
      type: "webhook",
      url: `http://hookuser:hookpass@127.0.0.1:${port}/stored`,
      secret: "stored-secret-0123456789",
      state: "active",
      confirmedAt: new Date(now.getTime() - 60_000),
      createdAt: now,
      updatedAt: now,
    });
    const declared = await off.call("POST", "/api/v1/incidents", { title: "API errors", message: "We see errors." });
    expect(declared.status, declared.text).toBe(201);
    const webhook = await waitFor("the webhook failure to be recorded", 10_000, async () => {
      const channels = await off.call("GET", "/api/v1/channels");
      return channels.json.data.find(
        (c: { name: string; last_error: string | null }) => c.name === "webhook" && c.last_error,
      );
    });
    expect(webhook.last_error).toMatch(/1 webhook\(s\) failed/);
    expect(receiver.to("/stored")).toHaveLength(0);
    const shown = [JSON.stringify(webhook), off.candor.proc.stdout(), off.candor.proc.stderr()].join("\n");
    for (const secret of ["hookuser", "hookpass", "/stored", `127.0.0.1:${port}`]) expect(shown).not.toContain(secret);
  });

  it("Should deliver to a local receiver, by IP and by name, with WEBHOOK_ALLOW_PRIVATE=on", async () => {
    const port = new URL(receiver.url).port;
    for (const url of [`http://127.0.0.1:${port}/by-ip`, `http://localhost:${port}/by-name`]) {
      const res = await on.call("POST", "/api/v1/subscribers", { type: "webhook", url });
      expect(res.status, res.text).toBe(201);
    }
    const declared = await on.call("POST", "/api/v1/incidents", { title: "API errors", message: "We see errors." });
    expect(declared.status, declared.text).toBe(201);
    await waitFor(
      "both webhooks to arrive",
      10_000,
      () => receiver.to("/by-ip").length + receiver.to("/by-name").length === 2 || undefined,
    );
    expect(receiver.to("/by-name")[0].headers["user-agent"]).toBe("Candor-Webhook/1");
  });
  it("Should send a component's status change to a webhook that chose component events, and nothing to one that did not", async () => {
    const port = new URL(receiver.url).port;
    const hooks = { "/components": ["component"], "/incidents-only": ["incident"] };
    for (const [path, events] of Object.entries(hooks)) {
      const res = await on.call("POST", "/api/v1/subscribers", {
        type: "webhook",
        url: `http://127.0.0.1:${port}${path}`,
        events,
      });
      expect(res.status, res.text).toBe(201);
    }
    const created = await on.call("POST", "/api/v1/components", { slug: "checkout", name: "Checkout" });
    expect(created.status, created.text).toBe(201);
    const changed = await on.call("PATCH", "/api/v1/components/checkout", { status: "partial_outage" });
    expect(changed.status, changed.text).toBe(200);
    const [got] = await waitFor("the component.update to arrive", 10_000, () => {
      const arrived = receiver.to("/components");
      return arrived.length ? arrived : undefined;
    });
    expect(got.headers["x-candor-event"]).toBe("component.update");
    expect(got.json.component).toMatchObject({ name: "Checkout", status: "partial_outage" });
    expect(got.json.component_update).toMatchObject({ old_status: "operational", new_status: "partial_outage" });
    expect(got.headers["webhook-id"]).toBe(got.json.component_update.id);
    expect(receiver.to("/incidents-only")).toEqual([]);
  });
});
