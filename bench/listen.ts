// Listening on X (issue 16): how long from a mention appearing on X to the
// automatic acknowledgement posted, and whether a burst of mentions is heard
// whole with replies capped. Candor runs as `npm start` runs it (the bundle,
// PGlite in a fresh DATA_DIR) against the fake X in this process, on the
// real clock, with the default intervals (mentions every minute).
//
// Latency: 10 people mention the account at random moments over 3 minutes
// during an open incident; each reply's time at the fake minus its mention's.
// Burst: 1,000 mentions from 500 people spread over one minute; when the
// inbox has them all, and how many replies went out (LISTEN_ACK_PER_15M, 10)
// and were recorded as capped. Spike: a quiet week, then 5 people at once
// with no incident open; from the fifth post to the alert at a local webhook.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type FakeX, startFakeX } from "../scripts/fake-x/server.ts";
import { api, killGroup, removeDir, startCandor, tempDir } from "../tests/support/candor-process.ts";
import { xEnvFor } from "../tests/support/fake-x.ts";
import { nodeEntry, percentile } from "../tests/support/log-file.ts";
import { freePort } from "../tests/support/postgres-server.ts";
import type { Benchmark } from "./run.ts";
import { markdownTable } from "./startup.ts";

const adminToken = "bench-listen-admin-token-0123456789";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withCandor<T>(
  fake: FakeX,
  work: (url: string) => Promise<T>,
  env: Record<string, string> = {},
  declare = true,
): Promise<T> {
  const dir = tempDir("candor-bench-listen-");
  const c = await startCandor(
    {
      HOST: "127.0.0.1",
      PORT: String(await freePort()),
      DATA_DIR: dir,
      PUBLIC_URL: "https://status.example.com",
      CANDOR_ADMIN_TOKEN: adminToken,
      LOG_CHANNEL: "off",
      ...xEnvFor(fake),
      LISTEN: "mentions",
      LISTEN_AUTO_ACK: "on",
      LISTEN_ACK_CONTACT: "support@example.com",
      ...env,
    },
    nodeEntry,
  );
  try {
    if (!declare) return await work(c.baseUrl);
    const declared = await api(c.baseUrl, "POST", "/api/v1/incidents", {
      key: adminToken,
      body: { title: "Checkout errors", message: "Payments fail.", next_update_in: "PT30M" },
    });
    if (declared.status !== 201) throw new Error(declared.text);
    return await work(c.baseUrl);
  } finally {
    await killGroup(c.proc);
    removeDir(dir);
  }
}

async function latency(fake: FakeX, log: (line: string) => void): Promise<number[]> {
  fake.reset();
  return withCandor(fake, async () => {
    const spreadMs = 180_000;
    const at = Array.from({ length: 10 }, () => Math.random() * spreadMs).sort((a, b) => a - b);
    const started = Date.now();
    const mentions: { id: string; postedAt: number }[] = [];
    for (const [i, offset] of at.entries()) {
      await sleep(Math.max(0, started + offset - Date.now()));
      mentions.push({
        id: fake.postAs(`person${i}`, `@candorstatus checkout fails for me (${i})`).id,
        postedAt: Date.now(),
      });
    }
    // When the fake X stored each reply (its clock is the real one), not when this loop, which starts once all
    // ten are posted, first looks: that had early replies waiting up to three minutes to be seen.
    const replied = new Map<string, number>();
    for (
      const deadline = Date.now() + 150_000;
      replied.size < mentions.length && Date.now() < deadline;
      await sleep(100)
    ) {
      for (const t of fake.tweets)
        if (t.inReplyToId && !replied.has(t.inReplyToId)) replied.set(t.inReplyToId, t.createdAt.getTime());
    }
    log(`listen: ${replied.size} of ${mentions.length} mentions acknowledged`);
    return mentions.filter((m) => replied.has(m.id)).map((m) => (replied.get(m.id) as number) - m.postedAt);
  });
}

async function burst(fake: FakeX, log: (line: string) => void) {
  fake.reset();
  return withCandor(fake, async (url) => {
    const started = Date.now();
    for (let i = 0; i < 1000; i++) {
      await sleep(Math.max(0, started + i * 60 - Date.now()));
      fake.postAs(`burst${i % 500}`, `@candorstatus still broken (${i})`);
    }
    const postedAt = Date.now();
    let heard = 0;
    for (const deadline = Date.now() + 180_000; heard < 1000 && Date.now() < deadline; await sleep(500)) {
      heard = 0;
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof api>> = await api(
          url,
          "GET",
          `/api/v1/mentions?limit=200${cursor ? `&cursor=${cursor}` : ""}`,
          { key: adminToken },
        );
        heard += page.json.data.length;
        cursor = page.json.next_cursor;
      } while (cursor);
    }
    const completeMs = Date.now() - postedAt;
    await sleep(5_000); // let the queued replies go out
    const replies = fake.tweets.filter((t) => t.inReplyToId).length;
    log(`listen: burst heard ${heard} of 1000, ${replies} replies`);
    const usage = fake.usage();
    const reads = (usage["GET /2/users/:id/mentions"] ?? 0) + (usage["GET /2/tweets/search/recent"] ?? 0);
    return { heard, completeMs, replies, reads };
  });
}

/** From the fifth person's post (a spike over a quiet week) to the signed alert at the operators' webhook. */
async function spike(fake: FakeX, log: (line: string) => void): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < 3; run++) {
    fake.reset();
    let alertedAt = 0;
    const receiver = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        alertedAt ||= Date.now();
        res.end("ok");
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
    const port = (receiver.address() as AddressInfo).port;
    try {
      await withCandor(
        fake,
        async () => {
          await sleep(Math.random() * 60_000);
          let fifth = 0;
          for (let i = 0; i < 5; i++) {
            fake.postAs(`voice${run}x${i}`, `@candorstatus is checkout down? (${i})`);
            fifth = Date.now();
          }
          for (const deadline = Date.now() + 150_000; !alertedAt && Date.now() < deadline; ) await sleep(50);
          if (alertedAt) samples.push(alertedAt - fifth);
          log(`listen: spike run ${run + 1}: ${alertedAt ? `${alertedAt - fifth} ms` : "no alert"}`);
        },
        {
          LISTEN_ALERT_WEBHOOK_URL: `http://127.0.0.1:${port}/alert`,
          WEBHOOK_ALLOW_PRIVATE: "on",
          LISTEN_AUTO_ACK: "off",
        },
        false,
      );
    } finally {
      receiver.close();
    }
  }
  return samples;
}

export const listen: Benchmark = {
  name: "listen",
  async run({ log }) {
    const fake = await startFakeX();
    try {
      log("listen: 10 mentions over 3 minutes, mentions polled every minute (about 5.5 min)");
      const lat = await latency(fake, log);
      log("listen: 1,000 mentions from 500 people in one minute (about 3 min)");
      const b = await burst(fake, log);
      log("listen: a spike of 5 people, 3 times (about 4 min)");
      const sp = await spike(fake, log);
      const s = (ms: number) => (ms / 1000).toFixed(1);
      return [
        "## Listening: mention to acknowledgement",
        "",
        "Candor as `npm start` runs it (the bundle, PGlite) against the fake X on the real clock, LISTEN=mentions,",
        "LISTEN_AUTO_ACK=on, default intervals (mentions every minute), one incident open.",
        "",
        markdownTable(
          ["Measure", "Value"],
          [
            ["mentions acknowledged (10 people, 3 minutes)", `${lat.length} of 10`],
            ["mention → reply, p50", `${s(percentile(lat, 50))} s`],
            ["mention → reply, p99", `${s(percentile(lat, 99))} s`],
            ["mention → reply, max", `${s(Math.max(...lat))} s`],
            ["burst: mentions in the inbox (1,000 from 500 people in 1 min)", `${b.heard} of 1000`],
            ["burst: last mention posted → inbox complete", `${s(b.completeMs)} s`],
            ["burst: replies sent (cap LISTEN_ACK_PER_15M=10)", String(b.replies)],
            ["burst: mentions read from X (billed posts: timeline + search)", String(b.reads)],
            ["spike: fifth person's post → alert at the webhook, runs", `${sp.length} of 3`],
            ["spike: fifth person's post → alert, each", sp.map((ms) => `${s(ms)} s`).join(", ")],
          ],
          [false, true],
        ),
      ].join("\n");
    } finally {
      await fake.close();
    }
  },
};
