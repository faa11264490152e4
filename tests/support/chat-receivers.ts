// One local HTTP server that acts as all five chat platforms' incoming
// webhooks, each on its own paths (/slack/..., /teams/..., /discord/...,
// /google_chat/..., /mattermost/...). Every POST is checked as the platform
// checks it and answered as the platform answers; the accepted ones are kept,
// and GET /preview draws them as each platform shows them.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type ChatKind, chatKinds } from "../../src/render/chat/index.ts";
import { discord } from "./chat/discord.ts";
import { googleChat } from "./chat/google-chat.ts";
import { mattermost } from "./chat/mattermost.ts";
import type { Mode, Platform, Reply } from "./chat/platform.ts";
import { type Accepted, previewPage } from "./chat/preview.ts";
import { slack } from "./chat/slack.ts";
import { teams } from "./chat/teams.ts";

export type { Mode } from "./chat/platform.ts";

const platforms: Record<ChatKind, Platform> = { slack, teams, discord, google_chat: googleChat, mattermost };

/** Every POST that came, accepted or not, with the answer it got. */
export type ChatReceived = {
  kind: ChatKind;
  path: string;
  raw: string;
  accepted: boolean;
  status: number;
  reply: string;
};

/**
 * Starts the receivers on 127.0.0.1 and a free port.
 *
 * @example const chat = await startChatReceivers(); await post(`${chat.url}/slack/T1/B1/x`, body); chat.accepted("slack")
 */
export async function startChatReceivers() {
  const received: ChatReceived[] = [];
  const accepted: Accepted[] = [];
  const modes = new Map<string, Mode[]>();
  let retryAfterSeconds = 2;

  function answer(req: http.IncomingMessage, raw: string): Reply {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "GET" && url.pathname === "/preview") {
      return {
        status: 200,
        headers: { "content-type": "text/html; charset=utf-8" },
        body: previewPage(accepted, url.searchParams.get("kind") ?? undefined),
      };
    }
    const kind = chatKinds.find((k) => url.pathname.startsWith(`/${k}/`));
    if (!kind || req.method !== "POST") return { status: 404, body: "not found" };
    const queue = modes.get(url.pathname) ?? [];
    const mode = (queue.length > 1 ? queue.shift() : queue[0]) ?? "ok";
    const platform = platforms[kind];
    const result =
      mode === "ok"
        ? platform.receive(raw, url.searchParams)
        : { accepted: false, reply: platform.fail(mode, retryAfterSeconds) };
    received.push({
      kind,
      path: url.pathname,
      raw,
      accepted: result.accepted,
      status: result.reply.status,
      reply: result.reply.body,
    });
    // biome-ignore lint/suspicious/noExplicitAny: accepted bodies are whatever JSON the platform took
    if (result.accepted) accepted.push({ kind, path: url.pathname, body: JSON.parse(raw) as any });
    return result.reply;
  }

  const server = http.createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      const reply = answer(req, raw);
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    /** The accepted messages' bodies, for one platform or all. */
    accepted: (kind?: ChatKind) => accepted.filter((a) => !kind || a.kind === kind),
    /** What `path` answers from now on, in order ("gone", "archived", "rate_limited", "server_error", "ok"); the last repeats. */
    answer(path: string, ...queue: Mode[]) {
      modes.set(path, queue);
    },
    /** The seconds a rate-limited answer asks to wait. */
    setRetryAfter(seconds: number) {
      retryAfterSeconds = seconds;
    },
    to: (path: string) => received.filter((r) => r.path === path),
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type ChatReceivers = Awaited<ReturnType<typeof startChatReceivers>>;
