// Chat fan-out (issue 18): 10,000 chat subscribers of mixed kinds and one
// update, delivered by the real Candor process to a plain node:http server in
// this process that only counts (it answers 200 at once and checks nothing:
// the receivers that check bodies are for tests, not speed). Once on the
// embedded PGlite, once on a throwaway Postgres server. Measures messages a
// second (the declare request to the chat outbox row's completed_at) and
// the Candor process's peak RSS.
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { chatKinds } from "../src/render/chat/index.ts";
import {
  api,
  findCandorNode,
  killGroup,
  type RunningCandor,
  removeDir,
  startCandor,
  tempDir,
} from "../tests/support/candor-process.ts";
import { nodeEntry } from "../tests/support/log-file.ts";
import { freePort } from "../tests/support/postgres-server.ts";
import { benchToken, startCandorOnPostgres } from "./candor-on-postgres.ts";
import type { Benchmark } from "./run.ts";
import { markdownTable } from "./startup.ts";

const subscriberCount = Number(process.env.CHATFANOUT_SUBSCRIBERS ?? 10_000);

/** A receiver that counts POSTs by platform and answers 200 "ok" at once. */
async function startCounter() {
  const counts = new Map<string, number>();
  let total = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const kind = (req.url ?? "/").split("/")[1];
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      total++;
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    total: () => total,
    counts,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Adds the subscribers through the admin API, 20 requests in flight: kinds in turn. */
async function addSubscribers(baseUrl: string, receiverUrl: string) {
  let next = 0;
  const worker = async () => {
    while (next < subscriberCount) {
      const i = next++;
      const kind = chatKinds[i % chatKinds.length];
      const body = { type: "chat", kind, url: `${receiverUrl}/${kind}/hook-${i}` };
      const res = await api(baseUrl, "POST", "/api/v1/subscribers", { key: benchToken, body });
      if (res.status !== 201) throw new Error(`add subscriber: ${res.status} ${res.text}`);
    }
  };
  await Promise.all(Array.from({ length: 20 }, worker));
}

/** Declares an incident and waits for the chat row to be done; the wall time and the peak RSS. */
async function measure(candor: RunningCandor, receiver: Awaited<ReturnType<typeof startCounter>>) {
  const pid = findCandorNode(candor.proc);
  const { rssMb: idle, peakMb: peakBefore } = memoryOf(pid);
  const before = receiver.total();
  const started = Date.now();
  const declared = await api(candor.baseUrl, "POST", "/api/v1/incidents", {
    key: benchToken,
    body: { title: "API errors", message: "We are seeing elevated error rates on the API.", next_update_in: "PT1H" },
  });
  if (declared.status !== 201) throw new Error(`declare: ${declared.status} ${declared.text}`);
  for (;;) {
    const res = await api(candor.baseUrl, "GET", "/api/v1/deliveries?limit=100", { key: benchToken });
    const row = (res.json?.data ?? []).find((d: { channel: string; topic: string }) => d.channel === "chat");
    if (row?.state === "done") {
      const wallMs = Date.parse(row.completed_at) - started;
      const sent = receiver.total() - before;
      return { sent, wallMs, idle, peakBefore, peak: memoryOf(pid).peakMb };
    }
    if (row?.state === "dead") throw new Error(`the chat row died: ${row.last_error}`);
    if (Date.now() - started > 15 * 60_000) throw new Error("the chat fan-out did not finish in 15 minutes");
    await sleep(100);
  }
}

const env = { WEBHOOK_ALLOW_PRIVATE: "on", LOG_CHANNEL: "off", PUBLIC_URL: "https://status.example.com" };

export const chatFanout: Benchmark = {
  name: "chatfanout",
  async run({ log }) {
    const rows: string[][] = [];
    for (const database of ["PGlite", "Postgres"] as const) {
      const receiver = await startCounter();
      let close: () => Promise<void> = async () => {};
      try {
        let candor: RunningCandor;
        if (database === "PGlite") {
          const dir = tempDir("candor-bench-chat-");
          const port = String(await freePort());
          candor = await startCandor(
            { PORT: port, HOST: "127.0.0.1", DATA_DIR: dir, CANDOR_ADMIN_TOKEN: benchToken, ...env },
            nodeEntry,
          );
          const running = candor;
          close = async () => {
            await killGroup(running.proc);
            removeDir(dir);
          };
        } else {
          const c = await startCandorOnPostgres(env);
          candor = c.candor;
          close = c.close;
        }
        log(`chatfanout (${database}): adding ${subscriberCount} chat subscribers through the admin API`);
        await addSubscribers(candor.baseUrl, receiver.url);
        log(`chatfanout (${database}): declaring the incident`);
        const m = await measure(candor, receiver);
        log(`chatfanout (${database}): ${m.sent} messages in ${m.wallMs} ms; peak RSS ${m.peak.toFixed(0)} MB`);
        rows.push([
          database,
          String(m.sent),
          (m.wallMs / 1000).toFixed(1),
          String(Math.round(m.sent / (m.wallMs / 1000))),
          m.peakBefore.toFixed(0),
          `${m.peak.toFixed(0)} (idle before ${m.idle.toFixed(0)})`,
        ]);
      } finally {
        await close();
        await receiver.close();
      }
    }
    return [
      "## Chat fan-out",
      "",
      `${subscriberCount.toLocaleString("en")} chat subscribers (Slack, Teams, Discord, Google Chat and Mattermost in turn), one`,
      "declared incident, delivered by one Candor process (node:http, 10 posts in flight, the chat channel's default) to a",
      "plain node:http server on 127.0.0.1 that answers 200 at once and only counts. Each platform's body is rendered once",
      "per update; each post is recorded in deliveries. Wall time runs from the declare request to the chat outbox row's",
      "completed_at. Peak RSS is the Candor process's VmHWM: after adding the subscribers through the admin API (20",
      "requests in flight), and at the end of the fan-out.",
      "",
      markdownTable(
        ["Database", "Messages", "Wall (s)", "Messages/s", "Peak RSS after adding (MB)", "Peak RSS at the end (MB)"],
        rows,
        [false, true, true, true, true, true],
      ),
    ].join("\n");
  },
};
