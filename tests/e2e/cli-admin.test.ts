// End to end: the `candor` CLI's maintenance, subscribers, deliveries and keys
// commands, scripted (--yes, --json), against a real Candor process on
// Postgres (the test marks a delivery dead with SQL, as a channel that kept
// failing would). PEAK_HOURS is set so that scheduling meets the 409 and its
// suggested window.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliServer, runCli, startForCli } from "../support/cli.ts";
import { openTestDatabase } from "../support/db.ts";
import { waitFor } from "../support/wait.ts";

/** Tomorrow at hh:mm UTC, as an ISO timestamp. */
function tomorrowAt(hh: number, mm = 0): string {
  const d = new Date(Date.now() + 86_400_000);
  d.setUTCHours(hh, mm, 0, 0);
  return d.toISOString();
}

let server: CliServer;
let database: Awaited<ReturnType<typeof openTestDatabase>>;
const call: CliServer["call"] = (...a) => server.call(...a);
const cli: CliServer["cli"] = (...a) => server.cli(...a);

beforeAll(async () => {
  database = await openTestDatabase("postgres");
  server = await startForCli(
    "candor-e2e-cli-admin-",
    { DATABASE_URL: database.url as string, PEAK_HOURS: "Mon-Sun 08:00-20:00 UTC" },
    [["db", "Database"]],
  );
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await database?.close();
});

describe("candor maintenance", () => {
  it("Should schedule off-peak, refuse a peak-hour window under --yes naming the suggestion (exit 1), and take it with --take-suggested", async () => {
    const base = ["maintenance", "schedule", "-t", "DB upgrade", "-m", "Upgrading the database.", "-c", "db"];
    const offPeak = await cli([
      ...base,
      "--starts",
      tomorrowAt(3),
      "--for",
      "1h",
      "--remind-before",
      "none",
      "--yes",
      "--json",
    ]);
    expect(offPeak.code).toBe(0);
    expect(offPeak.json().data).toMatchObject({ status: "scheduled", remind_before: null });
    expect(Date.parse(offPeak.json().data.starts_at)).toBe(Date.parse(tomorrowAt(3)));

    const peak = await cli([...base, "--starts", tomorrowAt(12), "--ends", tomorrowAt(13), "--yes", "--json"]);
    expect(peak.code).toBe(1);
    const refusal = peak.json().error;
    expect(refusal.suggested_window).toEqual({ starts_at: expect.any(String), ends_at: expect.any(String) });
    expect(peak.stderr).toContain("nearest off-peak window");

    const taken = await cli([
      ...base,
      "--starts",
      tomorrowAt(12),
      "--ends",
      tomorrowAt(13),
      "--take-suggested",
      "--yes",
      "--json",
    ]);
    expect(taken.code).toBe(0);
    const m = taken.json().data;
    expect([Date.parse(m.starts_at), Date.parse(m.ends_at)]).toEqual([
      Date.parse(refusal.suggested_window.starts_at),
      Date.parse(refusal.suggested_window.ends_at),
    ]);
    expect(m.allow_peak_hours).toBe(false);

    const anyway = await cli([
      ...base,
      "--starts",
      tomorrowAt(12),
      "--for",
      "30m",
      "--allow-peak-hours",
      "--yes",
      "--json",
    ]);
    expect([anyway.code, anyway.json().data.allow_peak_hours]).toEqual([0, true]);

    const listed = await cli(["maintenance", "list", "--state", "upcoming", "--json"]);
    expect(listed.json().data.map((x: { id: string }) => x.id)).toEqual(
      expect.arrayContaining([m.id, anyway.json().data.id]),
    );
    const early = await cli(["maintenance", "complete", m.id, "--yes"]);
    expect([early.code, early.stderr]).toEqual([1, expect.stringContaining("has not started")]);
    const cancelled = await cli([
      "maintenance",
      "cancel",
      m.id,
      "-m",
      "No longer needed.",
      "--quiet",
      "email",
      "--yes",
      "--json",
    ]);
    expect([cancelled.code, cancelled.json().data.status]).toEqual([0, "cancelled"]);
    expect((await call("GET", `/api/v1/maintenances/${m.id}`)).json.data.status).toBe("cancelled");
    const badState = await cli(["maintenance", "list", "--state", "soon"]);
    expect(badState.code).toBe(2);
  });
});

describe("candor subscribers", () => {
  it("Should import a CSV file (all or nothing: a bad line is exit 1 naming it) and export what re-imports", async () => {
    const file = join(server.dir, "in.csv");
    writeFileSync(file, "email,components\nann@example.com,db\nbob@example.com,\n");
    const imported = await cli(["subscribers", "import", file, "--json"]);
    expect([imported.code, imported.json().data]).toEqual([0, expect.objectContaining({ added: 2 })]);
    const fromStdin = await runCli(
      ["subscribers", "import", "-", "--json"],
      server.env,
      "email,components\ncy@example.com,\n",
    );
    expect(fromStdin.json().data.added).toBe(1);

    writeFileSync(file, "email,components\nnot-an-address,\n");
    const bad = await cli(["subscribers", "import", file]);
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining("line 2")]);
    const missing = await cli(["subscribers", "import", join(server.dir, "nope.csv")]);
    expect(missing.code).toBe(2);

    const out = join(server.dir, "out.csv");
    const exported = await cli(["subscribers", "export", "--output", out, "--json"]);
    expect([exported.code, exported.json().rows]).toEqual([0, 3]);
    expect(readFileSync(out, "utf8")).toContain("ann@example.com");
    const again = await cli(["subscribers", "import", out, "--json"]);
    expect(again.json().data).toMatchObject({ added: 0, unchanged: 3 });
  });
});

describe("candor deliveries", () => {
  it("Should list dead deliveries and retry one (exit 0), refusing one that is not dead (exit 1) and a bad id (exit 2)", async () => {
    const declared = await call("POST", "/api/v1/incidents", {
      title: "Queue stuck",
      message: "Looking.",
      components: { db: "degraded_performance" },
    });
    expect(declared.status).toBe(201);
    // A row the engine has finished with, so that nothing settles it again once it is marked dead.
    const id = await waitFor("a delivery of the incident done", 10_000, async () => {
      // postgres.js answers with the rows as an array.
      const [row] = (await database.db.execute(
        sql`update outbox set state = 'dead', last_error = 'test: gave up'
            where id = (select min(o.id) from outbox o join incident_updates u on u.id = o.update_id
                        where u.incident_id = ${declared.json.data.id} and o.state = 'done')
            returning id`,
      )) as unknown as { id: number }[];
      return row ? Number(row.id) : undefined;
    });
    const dead = await cli(["deliveries", "list", "--json"]);
    expect(dead.json().data.map((d: { id: number }) => d.id)).toContain(id);
    const retried = await cli(["deliveries", "retry", String(id), "--json"]);
    expect([retried.code, retried.json().data.state]).toEqual([0, "pending"]);
    const again = await cli(["deliveries", "retry", String(id)]);
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining("only dead deliveries")]);
    expect((await cli(["deliveries", "retry", "abc"])).code).toBe(2);
  });
});

describe("candor keys", () => {
  it("Should create a key shown once, list it, and revoke it so that it is refused (exit 1)", async () => {
    const created = await cli(["keys", "create", "--name", "pager", "--scope", "incidents:write", "--json"]);
    expect(created.code).toBe(0);
    const { data, key } = created.json();
    expect(data.scopes).toEqual(["incidents:write"]);
    const listed = await cli(["keys", "list", "--json"]);
    expect(listed.json().data.map((k: { id: string }) => k.id)).toContain(data.id);
    expect((await runCli(["status", "--json"], { ...server.env, CANDOR_API_KEY: key })).code).toBe(0);

    const revoked = await cli(["keys", "revoke", data.id, "--yes", "--json"]);
    expect([revoked.code, revoked.json()]).toEqual([0, { id: data.id, revoked: true }]);
    const refused = await runCli(["status"], { ...server.env, CANDOR_API_KEY: key });
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining("401")]);
    expect((await cli(["keys", "create", "--name", "x", "--scope", "everything"])).code).toBe(2);
  });
});
