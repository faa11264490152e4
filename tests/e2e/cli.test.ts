// End to end: the `candor` CLI (the bundle package.json's `bin` names) run as
// a subprocess against a real Candor process, in its scripted form (--yes,
// --json): exit codes 0, 1 (refused by the API) and 2 (usage), and what each
// command did, read back through the API.
import { statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../support/candor-process.ts";
import { type CliServer, cliAdminToken, runCli, startForCli } from "../support/cli.ts";

let server: CliServer;
let configHome: string;
const call: CliServer["call"] = (...a) => server.call(...a);
/** The CLI with the admin key, and a config directory of its own (login's test checks it stays empty). */
const cli = (args: string[], extra: Record<string, string> = {}) =>
  server.cli(args, { XDG_CONFIG_HOME: configHome, ...extra });

beforeAll(async () => {
  configHome = tempDir("candor-e2e-cli-config-");
  server = await startForCli("candor-e2e-cli-", { PAGE_TIMEZONE: "Europe/London" }, [
    ["api", "API"],
    ["web", "Website"],
  ]);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  removeDir(configHome);
});

describe("candor: usage", () => {
  it("Should list every command for --help (exit 0) and exit 2 for no command, an unknown one or an unknown flag", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    for (const command of [
      "status",
      "declare",
      "update",
      "eta",
      "resolve",
      "maintenance schedule",
      "subscribers import",
      "deliveries retry",
      "keys revoke",
      "edit",
      "templates create",
      "login",
    ]) {
      expect(help.stdout).toContain(`  ${command} `);
    }
    expect((await cli([])).code).toBe(2);
    const unknown = await cli(["frobnicate"]);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining("unknown command: frobnicate")]);
    const flag = await cli(["declare", "--titel", "x"]);
    expect([flag.code, flag.stderr]).toEqual([2, expect.stringContaining("Unknown option '--titel'")]);
    const declareHelp = await cli(["declare", "--help"]);
    expect([declareHelp.code, declareHelp.stdout]).toEqual([0, expect.stringContaining("Usage: candor declare")]);
  });

  it("Should refuse to run without a server or key (exit 2), and say so", async () => {
    const none = await runCli(["status"], { XDG_CONFIG_HOME: configHome });
    expect([none.code, none.stderr]).toEqual([
      2,
      expect.stringContaining("set CANDOR_URL and CANDOR_API_KEY, or run `candor login`"),
    ]);
  });
});

describe("candor login", () => {
  it("Should check the key, save it mode 0600 in the config directory, and use it for later commands", async () => {
    const home = tempDir("candor-e2e-cli-login-");
    try {
      const bad = await runCli(
        ["login", "--url", server.candor.baseUrl, "--key", "cnd_not_a_real_key_000000", "--yes"],
        {
          XDG_CONFIG_HOME: home,
        },
      );
      expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining("401")]);
      expect(() => statSync(join(home, "candor", "config.json"))).toThrow();

      const good = await runCli(["login", "--url", `${server.candor.baseUrl}/`, "--json"], {
        XDG_CONFIG_HOME: home,
        CANDOR_API_KEY: cliAdminToken,
      });
      expect(good.code).toBe(0);
      const path = join(home, "candor", "config.json");
      expect(good.json()).toMatchObject({ url: server.candor.baseUrl, saved_to: path });
      expect(statSync(path).mode & 0o777).toBe(0o600);

      const status = await runCli(["status", "--json"], { XDG_CONFIG_HOME: home });
      expect(status.code).toBe(0);
      expect(status.json().page.time_zone).toBe("Europe/London");
    } finally {
      removeDir(home);
    }
  });
});

describe("candor declare, update, eta, resolve, status", () => {
  it("Should declare an incident from flags (exit 0) and refuse bad input with the API's field (exit 1) or usage (exit 2)", async () => {
    const declared = await cli([
      "declare",
      "--title",
      "Checkout errors",
      "-m",
      "Payments fail.",
      "-c",
      "api=major_outage,web",
      "--eta",
      "2h",
      "--next-update",
      "20m",
      "--yes",
      "--json",
    ]);
    expect(declared.code).toBe(0);
    const { data } = declared.json();
    // An ETA was set: the answer carries the team's record (too little of it here, and it says so).
    expect(data.eta_advice).toMatchObject({ enough_history: false, text: expect.any(String) });
    const read = await call("GET", `/api/v1/incidents/${data.id}`);
    expect(read.json.data).toMatchObject({ title: "Checkout errors", status: "investigating", impact: "critical" });
    expect(
      Object.fromEntries(read.json.data.components.map((c: { slug: string; status: string }) => [c.slug, c.status])),
    ).toEqual({ api: "major_outage", web: "partial_outage" });
    const eta = Date.parse(read.json.data.eta) - Date.now();
    expect(eta).toBeGreaterThan(115 * 60_000);
    expect(eta).toBeLessThan(121 * 60_000);
    expect(Date.parse(read.json.data.next_update_due_at) - Date.now()).toBeLessThan(21 * 60_000);

    const unknown = await cli(["declare", "--title", "x", "-m", "y", "-c", "nope", "--yes", "--json"]);
    expect(unknown.code).toBe(1);
    expect(unknown.json().error.details).toEqual([
      { field: "components.nope", message: expect.stringContaining("no component") },
    ]);
    expect(unknown.stderr).toContain("components.nope");
    const missing = await cli(["declare", "--title", "x", "--yes"]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("--message is required")]);
    const badEta = await cli(["declare", "--title", "x", "-m", "y", "--eta", "soonish", "--yes"]);
    expect([badEta.code, badEta.stderr]).toEqual([2, expect.stringContaining("--eta")]);
  });

  it("Should post an update, revise the ETA against the old one, resolve, and refuse a second resolve (exit 1)", async () => {
    const { data } = (
      await cli([
        "declare",
        "--title",
        "Search slow",
        "-m",
        "Looking.",
        "-c",
        "web=degraded_performance",
        "--eta",
        "unknown",
        "--yes",
        "--json",
      ])
    ).json();
    const updated = await cli([
      "update",
      data.id,
      "-m",
      "Found a bad index.",
      "--status",
      "identified",
      "--eta",
      "90m",
      "--yes",
      "--json",
    ]);
    expect(updated.code).toBe(0);
    expect(updated.json().incident).toMatchObject({ status: "identified" });

    const revised = await cli([
      "eta",
      data.id,
      "3h",
      "-m",
      "The rebuild is slower than we thought.",
      "--yes",
      "--json",
    ]);
    expect(revised.code).toBe(0);
    expect(revised.json().data.eta_advice).toMatchObject({ text: expect.any(String) });
    const said = await cli(["eta", data.id, "4h", "-m", "Later still.", "--yes"]);
    expect(said.stdout).toContain("Your team's record: ");
    const detail = (await call("GET", `/api/v1/incidents/${data.id}`)).json.data;
    expect(detail.status).toBe("identified");
    expect(detail.updates[0].message).toBe("Later still.");
    expect(Date.parse(detail.eta) - Date.now()).toBeGreaterThan(235 * 60_000);
    expect(detail.eta_revisions.map((r: { outcome: string | null }) => r.outcome).sort()).toEqual(
      [null, "revised", "revised"].sort(),
    );

    const status = await cli(["status", "--json"]);
    expect(status.code).toBe(0);
    const open = status.json();
    expect(open.incidents.map((i: { id: string }) => i.id)).toContain(data.id);
    expect(open.next_promise).toMatchObject({ kind: expect.stringMatching(/^(eta|next_update)$/) });
    expect(open.channels.map((c: { name: string }) => c.name)).toContain("email");
    const human = await cli(["status"]);
    expect(human.stdout).toContain("Search slow");
    expect(human.stdout).toMatch(/Next update due: \d\d:\d\d GMT, in \d+ min/);

    const resolved = await cli(["resolve", data.id, "-m", "Rebuilt; search is fast again.", "--yes", "--json"]);
    expect(resolved.code).toBe(0);
    expect(resolved.json().incident).toMatchObject({ status: "resolved", resolved_at: expect.any(String) });
    const again = await cli(["resolve", data.id, "-m", "Again.", "--yes"]);
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining("409 CONFLICT")]);
    const usage = await cli(["resolve", data.id, "-m", "x", "--eta", "1h", "--yes"]);
    expect(usage.code).toBe(2);
    const missingEta = await cli(["eta", data.id, "-m", "x", "--yes"]);
    expect(missingEta.code).toBe(2);
  });
});
