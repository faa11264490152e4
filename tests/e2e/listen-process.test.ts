// End to end: listening on X in a real Candor process (the bundle `npm start`
// runs), against the fake X over HTTP. A kill -9 between X's accepting an
// automatic acknowledgement and Candor's hearing so still gives exactly one
// reply: after the restart the outbox row is sent again, X answers that it
// has the post already, and that counts as sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeX, startFakeX } from "../../scripts/fake-x/server.ts";
import {
  api,
  killAll,
  killGroup,
  type RunningCandor,
  removeDir,
  startCandor,
  stopGracefully,
  tempDir,
} from "../support/candor-process.ts";
import { xEnvFor } from "../support/fake-x.ts";
import { nodeEntry } from "../support/log-file.ts";
import { freePort } from "../support/postgres-server.ts";
import { waitFor } from "../support/wait.ts";

const adminToken = "e2e-listen-admin-token-0123456789";
let fake: FakeX;
const dirs: string[] = [];

beforeAll(async () => {
  fake = await startFakeX();
});
afterAll(async () => {
  await killAll();
  await fake?.close();
  for (const dir of dirs) removeDir(dir);
});

describe("listening in a Candor process", () => {
  it("Should send exactly one acknowledgement across a kill -9 after X accepted it", async () => {
    const dataDir = tempDir("candor-e2e-listen-");
    dirs.push(dataDir);
    const base = {
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      PUBLIC_URL: "https://status.example.com",
      CANDOR_ADMIN_TOKEN: adminToken,
      LOG_CHANNEL: "off",
      ...xEnvFor(fake),
    };
    const listening = {
      LISTEN: "mentions",
      // The shortest interval: the mention comes after listening began, and the next poll hears it.
      LISTEN_MENTIONS_EVERY: "PT15S",
      LISTEN_AUTO_ACK: "on",
      LISTEN_ACK_CONTACT: "support@example.com",
    };
    const start = async (env: Record<string, string>): Promise<RunningCandor> =>
      startCandor({ ...base, PORT: String(await freePort()), ...env }, nodeEntry);

    // An incident is open (its thread is on X) before anyone mentions us.
    const first = await start({});
    const declared = await api(first.baseUrl, "POST", "/api/v1/incidents", {
      key: adminToken,
      body: { title: "Checkout errors", message: "Payments fail for some customers.", next_update_in: "PT30M" },
    });
    expect(declared.status, declared.text).toBe(201);
    await waitFor("the thread's first post", 10_000, () => fake.tweets.length === 1 || undefined);
    await stopGracefully(first.proc);

    const hold = fake.holdNextPost();
    // Listening starts (its first poll reads from then on); the next poll hears the mention and queues the
    // reply; X stores it, and the answer is held.
    const second = await start(listening);
    const polled = () => fake.requests.some((r) => /^\/2\/users\/\d+\/mentions/.test(r.path)) || undefined;
    await waitFor("the first mentions poll", 20_000, polled);
    const mention = fake.postAs("ann", "@candorstatus is checkout down?");
    await hold.reached;
    await killGroup(second.proc);
    hold.release();
    const repliesToAnn = () => fake.tweets.filter((t) => t.inReplyToId === mention.id);
    expect(repliesToAnn()).toHaveLength(1);

    // The restart sends the row again; X says it has that post: sent, once.
    const third = await start(listening);
    await waitFor("the acknowledgement to be settled", 20_000, async () => {
      const res = await api(third.baseUrl, "GET", "/api/v1/channels", { key: adminToken });
      const ack = res.json.data.find((c: { name: string }) => c.name === "x-ack");
      return ack && ack.pending === 0 && ack.dead === 0 ? ack : undefined;
    });
    expect(repliesToAnn()).toHaveLength(1);
    const refusedAgain = fake.requests.filter((r) => r.method === "POST" && r.path === "/2/tweets" && r.status === 403);
    expect(refusedAgain).toHaveLength(1);
    const inbox = await api(third.baseUrl, "GET", "/api/v1/mentions", { key: adminToken });
    expect(inbox.json.data).toEqual([expect.objectContaining({ id: mention.id, state: "acknowledged" })]);
    await stopGracefully(third.proc);
  }, 90_000);
});
