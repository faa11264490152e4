import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/db/open-node.ts";
import { apiKeys } from "../../src/db/schema/index.ts";
import { authenticate, ensureAdminKey } from "../../src/services/api-keys/index.ts";
import { databaseKinds, openTestDatabase } from "../support/db.ts";

const now = new Date("2026-11-23T12:00:00Z");

describe.each(databaseKinds)("admin key bootstrap on %s", (kind) => {
  it("Should generate an admin key on first start only", async () => {
    const { db, close } = await openTestDatabase(kind);
    try {
      const config = loadConfig({});
      const first = await ensureAdminKey(db, config, now);
      expect(first.generated).toMatch(/^cnd_/);
      expect((await authenticate(db, first.generated as string, now))?.scopes).toEqual(["admin"]);
      expect((await ensureAdminKey(db, config, now)).generated).toBeNull();
      expect(await db.select().from(apiKeys)).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it("Should make CANDOR_ADMIN_TOKEN the admin key and follow it when it changes", async () => {
    const { db, close } = await openTestDatabase(kind);
    try {
      const one = "first-admin-token-abcdef";
      const two = "second-admin-token-abcdef";
      expect((await ensureAdminKey(db, loadConfig({ CANDOR_ADMIN_TOKEN: one }), now)).generated).toBeNull();
      expect(await authenticate(db, one, now)).not.toBeNull();
      await ensureAdminKey(db, loadConfig({ CANDOR_ADMIN_TOKEN: two }), now);
      expect(await authenticate(db, one, now)).toBeNull();
      expect((await authenticate(db, two, now))?.name).toBe("CANDOR_ADMIN_TOKEN");
      expect(await db.select().from(apiKeys)).toHaveLength(1);
    } finally {
      await close();
    }
  });
});

describe("readiness against a database without the schema", () => {
  it("Should answer 503 with migrations pending until they are applied", async () => {
    const admin = postgres(inject("postgresAdminUrl"), { max: 1, onnotice: () => {} });
    const name = `empty_${process.pid}_${Date.now().toString(36)}`;
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = inject("postgresAdminUrl").replace(/\/postgres$/, `/${name}`);
    const config = loadConfig({});

    const bare = await openDatabase({ databaseUrl: url, migrate: false });
    const notReady = await createApp({ db: bare.db, config }).request("/readyz");
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      status: "not_ready",
      checks: { database: "ok", migrations: "pending" },
      details: { database: { latency_ms: expect.any(Number) } },
    });
    await bare.close();

    // Two processes starting at once must not trip over each other's migrations.
    const [a, b] = await Promise.all([openDatabase({ databaseUrl: url }), openDatabase({ databaseUrl: url })]);
    const ready = await createApp({ db: a.db, config }).request("/readyz");
    expect(ready.status).toBe(200);
    await Promise.all([a.close(), b.close()]);
  });

  it("Should answer 503 when the database is unreachable, saying so in words", async () => {
    const gone = await openDatabase({ databaseUrl: "postgres://candor@127.0.0.1:1/none", migrate: false });
    const res = await createApp({ db: gone.db, config: loadConfig({}) }).request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: "not_ready",
      checks: { database: "unreachable", migrations: "unknown" },
      details: { database: { latency_ms: null } },
      detail: "the database is unreachable: public pages are served from saved renders, writes get 503",
    });
    await gone.close();
  });
});
