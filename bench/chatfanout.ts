// Chat fan-out (issue 18): 10,000 chat subscribers of mixed kinds and one
// update, delivered by the real Candor process to a plain node:http server in
// its own process that only counts (bench/chat-sink.ts: it answers 200 at once
// and checks nothing; the receivers that check bodies are for tests, not
// speed). Once on the embedded PGlite, once on a throwaway Postgres server.
// Measures messages a second (the declare request to the chat outbox row's
// completed_at) and the Candor process's peak RSS; then, in the same run, the
// ceiling: a bare node:http sender with as many posts in flight, posting the
// same bodies to the same receiver.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createInterface } from "node:readline";
import { type ChatKind, chatKinds, chatUpdateBody } from "../src/render/chat/index.ts";
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

type Receiver = { url: string; total: () => Promise<number>; close: () => Promise<void> };

/** The counting receiver (bench/chat-sink.ts) in a process of its own. */
async function startCounter(): Promise<Receiver> {
  const child: ChildProcess = spawn(nodeEntry[0], ["bench/chat-sink.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  let port = 0;
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
    if (line.startsWith("port ")) port = Number(line.slice(5));
    if (port) break;
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    total: async () => ((await (await fetch(`${url}/stats`)).json()) as { total: number }).total,
    close: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Candor's posts in flight: the chat channel's default. */
const inFlight = 32;

/**
 * The ceiling: as many posts as Candor sent, `inFlight` at a time over
 * keep-alive connections, each platform's body built once, to the same
 * receiver. What a sender that does nothing else can get through.
 */
async function bareSender(receiver: Receiver, count: number): Promise<{ sent: number; ms: number }> {
  const sample = {
    pageName: "Example Status",
    pageUrl: "https://status.example.com",
    incidentTitle: "API errors",
    incidentUrl: "https://status.example.com/incidents/inc_0123456789abcdef",
    status: "investigating",
    impact: "minor",
    message: "We are seeing elevated error rates on the API.",
    promise: "Next update by 17:00 UTC.",
    components: [],
    automatic: false,
    createdAt: new Date(),
  };
  const bodies = new Map<ChatKind, string>(chatKinds.map((k) => [k, JSON.stringify(chatUpdateBody(k, sample))]));
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  const post = (kind: ChatKind, i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = bodies.get(kind) as string;
      const req = http.request(`${receiver.url}/${kind}/hook-${i}`, {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      });
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`answered ${res.statusCode}`))));
      });
      req.on("error", reject);
      req.end(body);
    });
  const before = await receiver.total();
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await post(chatKinds[i % chatKinds.length], i);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const ms = performance.now() - started;
  agent.destroy();
  return { sent: (await receiver.total()) - before, ms };
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
async function measure(candor: RunningCandor, receiver: Receiver) {
  const pid = findCandorNode(candor.proc);
  const { rssMb: idle, peakMb: peakBefore } = memoryOf(pid);
  const before = await receiver.total();
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
      const sent = (await receiver.total()) - before;
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
        const bare = await bareSender(receiver, m.sent);
        const candorRate = m.sent / (m.wallMs / 1000);
        const bareRate = bare.sent / (bare.ms / 1000);
        log(`chatfanout (${database}): the bare sender, ${bare.sent} in ${Math.round(bare.ms)} ms`);
        rows.push([
          database,
          String(m.sent),
          (m.wallMs / 1000).toFixed(1),
          String(Math.round(candorRate)),
          String(Math.round(bareRate)),
          `${Math.round((candorRate / bareRate) * 100)}%`,
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
      "declared incident, delivered by one Candor process (node:http, 32 posts in flight, the chat channel's default) to a",
      "plain node:http server on 127.0.0.1, in its own process, that answers 200 at once and only counts. Each platform's body is rendered once",
      "per update; each post is recorded in deliveries. Wall time runs from the declare request to the chat outbox row's",
      "completed_at. Peak RSS is the Candor process's VmHWM: after adding the subscribers through the admin API (20",
      "requests in flight), and at the end of the fan-out. The bare sender, in the same run and to the same receiver:",
      `node:http over keep-alive, ${inFlight} posts in flight, each platform's body built once, nothing else (the ceiling).`,
      "",
      markdownTable(
        [
          "Database",
          "Messages",
          "Wall (s)",
          "Messages/s",
          "Bare sender (msg/s)",
          "Candor / bare",
          "Peak RSS after adding (MB)",
          "Peak RSS at the end (MB)",
        ],
        rows,
        [false, true, true, true, true, true, true, true],
      ),
    ].join("\n");
  },
};
