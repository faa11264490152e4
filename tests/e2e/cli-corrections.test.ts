// End to end: the `candor` CLI's corrections and templates (edit, templates
// list|show|create|edit|delete, declare --template), scripted, against a real
// Candor process: exit codes 0, 1 and 2, and the effect read back through the API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliServer, startForCli } from "../support/cli.ts";

let server: CliServer;
const call: CliServer["call"] = (...a) => server.call(...a);
const cli: CliServer["cli"] = (...a) => server.cli(...a);

beforeAll(async () => {
  server = await startForCli("candor-e2e-cli-edit-", {}, [["db", "Database"]]);
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe("candor edit", () => {
  it("Should correct a title and an update's words in place, hide a later update but not the first (exit 1)", async () => {
    const declared = (
      await cli(["declare", "--title", "Databse slow", "-m", "We are lookng.", "--yes", "--json"])
    ).json();
    const id = declared.data.id;
    const second = await call("POST", `/api/v1/incidents/${id}/updates`, { message: "Wrong incident, sorry." });
    const first = (await call("GET", `/api/v1/incidents/${id}`)).json.data.updates.at(-1).id;

    const title = await cli(["edit", id, "--title", "Database slow", "--json"]);
    expect([title.code, title.json().data.title]).toEqual([0, "Database slow"]);
    expect(title.json().channels_with_old_text).toEqual(expect.any(Array));
    const words = await cli(["edit", id, first, "-m", "We are looking.", "--json"]);
    expect([words.code, words.json().data.message]).toEqual([0, "We are looking."]);

    const refused = await cli(["edit", id, first, "--hide", "--yes"]);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining("cannot be hidden")]);
    const hidden = await cli(["edit", id, second.json.data.id, "--hide", "--yes", "--json"]);
    expect(hidden.code).toBe(0);
    const page = await fetch(`${server.candor.baseUrl}/incidents/${id}`).then((r) => r.text());
    expect(page).toContain("We are looking.");
    expect(page).not.toContain("Wrong incident, sorry.");

    expect((await cli(["edit", id, first, "-m", "x", "--hide"])).code).toBe(2);
    expect((await cli(["edit", id, "--yes"])).code).toBe(2);
  });
});

describe("candor templates and declare --template", () => {
  it("Should save, list, show, change and delete a template, and declare from it with flags overriding it", async () => {
    const created = await cli([
      "templates",
      "create",
      "--name",
      "db-down",
      "--title",
      "Database down",
      "-m",
      "The primary database is down; we are failing over.",
      "-c",
      "db=major_outage",
      "--next-update-in",
      "15m",
      "--json",
    ]);
    expect([created.code, created.json().data.next_update_in]).toEqual([0, expect.stringMatching(/^PT/)]);
    expect((await cli(["templates", "list", "--json"])).json().data.map((t: { name: string }) => t.name)).toContain(
      "db-down",
    );
    const edited = await cli(["templates", "edit", "db-down", "--impact", "critical", "--json"]);
    expect([edited.code, edited.json().data.impact]).toEqual([0, "critical"]);
    expect((await cli(["templates", "show", "db-down", "--json"])).json().data.title).toBe("Database down");

    const declared = await cli([
      "declare",
      "--template",
      "db-down",
      "--title",
      "Database down in eu-west",
      "--yes",
      "--json",
    ]);
    expect(declared.code).toBe(0);
    const incident = (await call("GET", `/api/v1/incidents/${declared.json().data.id}`)).json.data;
    expect(incident).toMatchObject({ title: "Database down in eu-west", impact: "critical" });
    expect(incident.components).toEqual([{ slug: "db", name: "Database", status: "major_outage" }]);
    expect(incident.updates[0].message).toBe("The primary database is down; we are failing over.");
    const nextIn = Date.parse(incident.next_update_due_at) - Date.parse(incident.started_at);
    expect(nextIn).toBe(15 * 60_000);

    expect((await cli(["declare", "--template", "nope", "--yes"])).code).toBe(1);
    expect((await cli(["templates", "create", "--name", "x"])).code).toBe(2);
    const deleted = await cli(["templates", "delete", "db-down", "--yes", "--json"]);
    expect([deleted.code, deleted.json()]).toEqual([0, { name: "db-down", deleted: true }]);
    expect((await cli(["templates", "show", "db-down"])).code).toBe(1);
  });
});
