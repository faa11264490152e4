// A webhook receiver for tests: a real HTTP server on a random local port.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseJsonOrNull } from "./http.ts";

export type Received = {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came
  json: any;
};
export type Answer = number | "hang";

/**
 * A webhook receiver: every path is one webhook. Each path answers from its
 * queue of answers (the last one repeats), 200 by default; "hang" never answers.
 */
export async function startWebhookReceiver() {
  const received: Received[] = [];
  const answers = new Map<string, Answer[]>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const path = req.url ?? "/";
      const json: unknown = parseJsonOrNull(body);
      received.push({ path, headers: req.headers, body, json });
      const queue = answers.get(path) ?? [];
      const answer = (queue.length > 1 ? queue.shift() : queue[0]) ?? 200;
      if (answer === "hang") return;
      const headers: Record<string, string> = { "content-type": "text/plain" };
      if (answer >= 300 && answer < 400) headers.location = "http://127.0.0.1:9/elsewhere";
      res.writeHead(answer, headers);
      res.end(answer < 300 ? "ok" : `no thanks (${answer})`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    /** What `path` answers from now on, in order; the last one repeats. */
    answer(path: string, ...queue: Answer[]) {
      answers.set(path, queue);
    },
    to: (path: string) => received.filter((r) => r.path === path),
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
