// Fan-out at scale: 100,000 confirmed email subscribers and one update,
// delivered by the real Candor process (on a throwaway Postgres server) over
// pooled SMTP to a counting smtp-server sink in its own process. Then the
// ceiling: a bare nodemailer pool (same pool size, maxMessages Infinity)
// sending as many messages of the same size to the same sink.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import nodemailer from "nodemailer";
import { updateEmailComposer } from "../src/channels/email.ts";
import { toNodemailer } from "../src/channels/smtp.ts";
import { findCandorNode } from "../tests/support/candor-process.ts";
import { nodeEntry } from "../tests/support/log-file.ts";
import { startCandorOnPostgres } from "./candor-on-postgres.ts";
import type { Benchmark } from "./run.ts";
import { markdownTable } from "./startup.ts";

const subscriberCount = Number(process.env.FANOUT_SUBSCRIBERS ?? 100_000);
const poolSize = Number(process.env.FANOUT_POOL ?? 20);
// FANOUT_CEILINGS=off measures Candor alone (for profiling and repeated runs).

type Sink = { port: number; stats: () => Promise<{ messages: number; bytes: number }>; stop: () => void };

async function startSink(): Promise<Sink> {
  const child: ChildProcess = spawn(nodeEntry[0], ["bench/smtp-sink.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let port = 0;
  let statsPort = 0;
  for await (const line of lines) {
    const [key, value] = line.split(" ");
    if (key === "port") port = Number(value);
    if (key === "stats") statsPort = Number(value);
    if (port && statsPort) break;
  }
  return {
    port,
    async stats() {
      const res = await fetch(`http://127.0.0.1:${statsPort}/`);
      return (await res.json()) as { messages: number; bytes: number };
    },
    stop: () => child.kill("SIGTERM"),
  };
}

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const fanout: Benchmark = {
  name: "fanout",
  async run({ log }) {
    log(`fanout: starting the SMTP sink, Postgres and Candor (pool of ${poolSize})`);
    const sink = await startSink();
    const c = await startCandorOnPostgres({
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      SMTP_POOL_SIZE: String(poolSize),
      LOG_CHANNEL: "off",
      PUBLIC_URL: "https://status.example.com",
      PAGE_NAME: "Example Status",
      ...(process.env.FANOUT_CANDOR_NODE_OPTIONS ? { NODE_OPTIONS: process.env.FANOUT_CANDOR_NODE_OPTIONS } : {}),
    });
    try {
      const pid = findCandorNode(c.candor.proc);
      log(`fanout: inserting ${subscriberCount} confirmed subscribers`);
      await c.sql`insert into subscribers (id, type, email, state, confirmed_at, created_at, updated_at)
        select 'sub_' || lpad(g::text, 16, '0'), 'email', 'user' || g || '@example.com', 'active',
          now() - interval '1 day', now(), now()
        from generate_series(1, ${subscriberCount}) g`;
      await c.sql`analyze subscribers`;
      const idle = memoryOf(pid);
      const before = await sink.stats();
      log("fanout: declaring the incident");
      const started = Date.now();
      await c.declare({
        title: "API errors",
        message: "We are seeing elevated error rates on the API and are investigating.",
        next_update_in: "PT1H",
      });
      let peakRss = idle.rssMb;
      let completedAt: Date | null = null;
      for (;;) {
        peakRss = Math.max(peakRss, memoryOf(pid).rssMb);
        const [row] = await c.sql<{ state: string; completed_at: Date | null; last_error: string | null }[]>`
          select state, completed_at, last_error from outbox where channel = 'email' and topic = 'update'`;
        if (row?.state === "done") {
          completedAt = row.completed_at;
          break;
        }
        if (row?.state === "dead") throw new Error(`the email row died: ${row.last_error}`);
        if (Date.now() - started > 30 * 60_000) throw new Error("fan-out did not finish in 30 minutes");
        await sleep(100);
      }
      const wallMs = (completedAt as Date).getTime() - started;
      const after = await sink.stats();
      const sent = after.messages - before.messages;
      const avgBytes = Math.round((after.bytes - before.bytes) / sent);
      const [{ n: recorded }] = await c.sql<{ n: number }[]>`
        select count(*)::int as n from deliveries where channel = 'email'`;
      const memory = memoryOf(pid);
      log(`fanout: Candor sent ${sent} in ${wallMs} ms; peak RSS ${memory.peakMb.toFixed(0)} MB`);

      log("fanout: the ceiling, a bare nodemailer pool to the same sink");
      const transport = nodemailer.createTransport({
        host: "127.0.0.1",
        port: sink.port,
        secure: false,
        ignoreTLS: true,
        pool: true,
        maxConnections: poolSize,
        maxMessages: Number.POSITIVE_INFINITY,
      });
      // The same messages Candor sent: the same templates, incident and
      // headers, with an unsubscribe link of the same length (the token is
      // Candor's own work, so it is not part of the ceiling).
      const [incident] = await c.sql<{ id: string; title: string; created_at: Date; uid: string; body: string }[]>`
        select i.id, i.title, u.created_at, u.id as uid, u.body from incidents i
        join incident_updates u on u.incident_id = i.id limit 1`;
      const [{ payload }] = await c.sql<{ payload: { message: string; promise: string } }[]>`
        select payload from outbox where channel = 'email' and topic = 'update'`;
      const compose = updateEmailComposer(
        {
          from: '"Example Status" <status@status.example.com>',
          pageName: "Example Status",
          publicUrl: "https://status.example.com",
          timeZone: "UTC",
        },
        {
          updateId: incident.uid,
          incidentId: incident.id,
          incidentTitle: incident.title,
          incidentUrl: `https://status.example.com/incidents/${incident.id}`,
          seq: 1,
          kind: "manual",
          status: "investigating",
          impact: "minor",
          text: `${payload.message} ${payload.promise}`,
          message: payload.message,
          promise: payload.promise,
          customTweet: null,
          createdAt: incident.created_at,
        },
      );
      const fakeToken = "x".repeat(150);
      // Two ceilings: nodemailer building each message from its fields (what
      // a plain sender does), and nodemailer sending the messages already
      // encoded, as Candor now does (the transport's own limit).
      const ceiling = async (prebuilt: boolean) => {
        const before = await sink.stats();
        const start = performance.now();
        let next = 0;
        const worker = async () => {
          while (next < subscriberCount) {
            const i = ++next;
            const m = compose(
              { id: `sub_${String(i).padStart(16, "0")}`, email: `user${i}@example.com` },
              `https://status.example.com/unsubscribe/${fakeToken}`,
              "",
            );
            if (prebuilt && m.raw) {
              // Exactly the call Candor's SMTP transport makes.
              await transport.sendMail(toNodemailer(m));
              continue;
            }
            // nodemailer builds the message from its fields, as a plain sender would.
            await transport.sendMail(toNodemailer({ ...m, raw: undefined }));
          }
        };
        await Promise.all(Array.from({ length: poolSize * 2 }, worker));
        const ms = performance.now() - start;
        const after = await sink.stats();
        const n = after.messages - before.messages;
        return { sent: n, ms, bytes: Math.round((after.bytes - before.bytes) / n) };
      };
      if (process.env.FANOUT_CEILINGS === "off") {
        transport.close();
        return `Candor sent ${sent} in ${(wallMs / 1000).toFixed(1)} s (${Math.round(sent / (wallMs / 1000))} msg/s); peak RSS ${memory.peakMb.toFixed(0)} MB (ceilings skipped)`;
      }
      const fields = await ceiling(false);
      log(`fanout: ceiling from fields ${fields.sent} in ${Math.round(fields.ms)} ms`);
      const prebuilt = await ceiling(true);
      log(`fanout: ceiling pre-encoded ${prebuilt.sent} in ${Math.round(prebuilt.ms)} ms`);
      transport.close();

      const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
      const candorRate = rate(sent, wallMs);
      const fieldsRate = rate(fields.sent, fields.ms);
      const prebuiltRate = rate(prebuilt.sent, prebuilt.ms);
      const share = (r: number) => Math.round((candorRate / r) * 100);
      return [
        "## Email fan-out",
        "",
        `${subscriberCount.toLocaleString("en")} confirmed subscribers, one declared incident. Candor (one process, Postgres 15,`,
        `SMTP_POOL_SIZE=${poolSize}) streams recipients in batches of 500 and records each delivery; the sink is smtp-server in its own`,
        "process, counting and discarding. Wall time runs from the declare request to the email outbox row's completed_at.",
        "The ceilings are a bare nodemailer pool with the same connections sending the same messages (same templates, incident",
        "and headers; an unsubscribe link of the same length) to the same sink: once built by nodemailer from their fields,",
        "once already encoded (nodemailer's `raw`, as Candor sends them), which is the transport's own limit.",
        "",
        markdownTable(
          ["Sender", "Messages", "Avg size (bytes)", "Wall (s)", "Messages/s", "Peak RSS (MB)"],
          [
            [
              "Candor",
              String(sent),
              String(avgBytes),
              (wallMs / 1000).toFixed(1),
              String(candorRate),
              `${memory.peakMb.toFixed(0)} (idle ${idle.rssMb.toFixed(0)})`,
            ],
            [
              "bare pool, messages from fields",
              String(fields.sent),
              String(fields.bytes),
              (fields.ms / 1000).toFixed(1),
              String(fieldsRate),
              "-",
            ],
            [
              "bare pool, pre-encoded messages",
              String(prebuilt.sent),
              String(prebuilt.bytes),
              (prebuilt.ms / 1000).toFixed(1),
              String(prebuiltRate),
              "-",
            ],
          ],
          [false, true, true, true, true, true],
        ),
        "",
        `Candor reached ${share(fieldsRate)}% of the bare pool building messages from fields and ${share(prebuiltRate)}% of the`,
        `bare pool sending pre-encoded ones (target at least 80%); peak RSS ${memory.peakMb.toFixed(0)} MB (target under 300 MB).`,
        `Deliveries recorded: ${recorded} for ${sent} messages.`,
      ].join("\n");
    } finally {
      await c.close();
      sink.stop();
    }
  },
};
