// End to end: `candor declare` at a terminal. tmux gives the CLI a real
// pseudo-terminal; the test reads the screen (capture-pane) and types the
// answers (send-keys) as an engineer would, confirms the preview, and then
// finds the incident through the API. The tmux server is this test's own
// (a socket named for the process), and is killed at the end.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliServer, cliAdminToken, cliBin, nodeBin, startForCli } from "../support/cli.ts";
import { waitFor } from "../support/wait.ts";

const socket = `candor-cli-test-${process.pid}`;
let server: CliServer;

const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
/** The whole screen and its scrollback, as text. */
const screen = () => tmux("capture-pane", "-p", "-J", "-S", "-300", "-t", "cli");
const keys = (...k: string[]) => tmux("send-keys", "-t", "cli", ...k);
const typed = (text: string) => tmux("send-keys", "-t", "cli", "-l", text);
/** Waits until the screen shows `text` (a prompt's question, say). */
const shows = (text: string) =>
  waitFor(
    () => `"${text}" on the screen:\n${screen()}`,
    10_000,
    () => (screen().includes(text) ? true : undefined),
  );

beforeAll(async () => {
  server = await startForCli(
    "candor-e2e-cli-tty-",
    { PAGE_TIMEZONE: "Europe/London", PUBLIC_URL: "https://status.example.com" },
    [
      ["api", "API"],
      ["web", "Website"],
    ],
  );
}, 60_000);
afterAll(async () => {
  try {
    tmux("kill-server");
  } catch {
    // Never started, or already gone.
  }
  await server?.stop();
});

describe("candor declare at a terminal", () => {
  it("Should ask for what is missing, show what customers will get, and declare once confirmed", async () => {
    const env = [
      `CANDOR_URL=${server.candor.baseUrl}`,
      `CANDOR_API_KEY=${cliAdminToken}`,
      `XDG_CONFIG_HOME=${server.dir}`,
      // Another zone than the page's, so times are said in both.
      "TZ=America/New_York",
    ];
    const command = `env ${env.join(" ")} ${nodeBin} ${cliBin} declare; echo "EXIT=$?"; sleep 60`;
    tmux("new-session", "-d", "-s", "cli", "-x", "200", "-y", "50", command);

    await shows("Title (customers read it)");
    typed("Checkout is failing");
    keys("Enter");
    await shows("Affected components");
    keys("Space", "Enter");
    await shows("What do api show?");
    keys("Down", "Enter");
    await shows("Status");
    keys("Down", "Enter");
    await shows("Impact");
    keys("Enter");
    await shows("Message (what customers are told)");
    typed("Payments fail at checkout; we are on it.");
    keys("Enter");
    await shows("When will service be back?");
    // The team's own record, before an ETA is promised (too little of it here, and it says so).
    expect(screen()).toMatch(/Your team's ETAs in the last 90 days[\s\S]*no record to go by yet/);
    typed("45m");
    keys("Enter");
    await shows("Next update in");
    keys("Enter");
    await shows("Post this?");

    const preview = screen();
    expect(preview).toMatch(/X post \(\d+\/280 weighted characters\)/);
    expect(preview).toContain(
      "Identified · Checkout is failing: Payments fail at checkout; we are on it. We expect service back by",
    );
    expect(preview).toContain("https://status.example.com/incidents/inc_");
    expect(preview).toContain("Subject: [Identified] Checkout is failing (Status)");
    expect(preview).toContain("Affects: API (Major outage)");
    // The ETA said back in the page's zone and in this machine's.
    expect(preview).toMatch(/\d\d:\d\d (GMT|BST) \(\d\d:\d\d GMT-[45] here\)/);

    keys("Enter");
    await shows("EXIT=0");
    expect(screen()).toMatch(/Declared inc_\w+: Checkout is failing/);
    const list = await server.call("GET", "/api/v1/incidents?state=open");
    const [incident] = list.json.data;
    expect(incident).toMatchObject({ title: "Checkout is failing", status: "identified", impact: "critical" });
    expect(incident.components).toEqual([{ slug: "api", name: "API", status: "major_outage" }]);
    const etaIn = Date.parse(incident.eta) - Date.now();
    expect(etaIn).toBeGreaterThan(40 * 60_000);
    expect(etaIn).toBeLessThan(46 * 60_000);
    expect(Date.parse(incident.next_update_due_at) - Date.now()).toBeGreaterThan(25 * 60_000);
  });
});
