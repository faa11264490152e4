// The Node way to call a webhook: node:http(s) with a `lookup` hook, so the
// address a connection goes to is the one that was checked. With fetch the
// name would be resolved twice (once to check, once to connect), and a DNS
// answer that changed in between (rebinding) would slip through.
import { promises as dns } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { type ResolveHost, resolvedTargetProblem } from "../lib/webhook-target.ts";
import { type WebhookSend, webhookRefusedCode } from "./webhook-post.ts";

/** The system resolver (getaddrinfo, as connections use), every address it answers. */
export const systemResolveHost: ResolveHost = async (hostname) =>
  (await dns.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

const family = (address: string) => (address.includes(":") ? 6 : 4);

/** A `lookup` for net.connect that resolves with `resolve` and refuses private answers unless allowed. */
function guardedLookup(resolve: ResolveHost, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (answers) => {
        const problem = resolvedTargetProblem(answers, { allowPrivate });
        if (problem) {
          // The message says what is wrong with the address, never the name or the address.
          const refused = Object.assign(new Error(problem.message), { code: webhookRefusedCode });
          return callback(refused, "", 4);
        }
        const wanted = answers.filter((a) => !options.family || family(a) === options.family);
        if (!wanted.length) {
          return callback(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), "", 4);
        }
        if (options.all)
          callback(
            null,
            wanted.map((address) => ({ address, family: family(address) })),
          );
        else callback(null, wanted[0], family(wanted[0]));
      },
      (err: Error & { code?: string }) =>
        callback(Object.assign(new Error("lookup failed"), { code: err.code }), "", 4),
    );
  };
}

/**
 * A WebhookSend over node:http(s) whose connections go only to addresses that
 * pass the rule. A literal IP host skips `lookup`; the channel checks those
 * itself before calling. Only the status is read (and, when `readBytes` asks,
 * a failed answer's first bytes): the body is drained, not kept.
 *
 * @example createWebhookChannel({ ..., send: guardedWebhookSend({ allowPrivate: false }) })
 */
export function guardedWebhookSend(options: { allowPrivate: boolean; resolve?: ResolveHost }): WebhookSend {
  const lookup = guardedLookup(options.resolve ?? systemResolveHost, options.allowPrivate);
  // Agents of their own: a pooled socket another client opened (without this
  // lookup) is never reused for a webhook.
  const agents = {
    "http:": new http.Agent({ keepAlive: true, lookup }),
    "https:": new https.Agent({ keepAlive: true, lookup }),
  };
  return (url, init) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const client = target.protocol === "https:" ? https : http;
      const agent = target.protocol === "https:" ? agents["https:"] : agents["http:"];
      const req = client.request(target, { method: init.method, headers: init.headers, signal: init.signal, agent });
      req.on("response", (res) => {
        const status = res.statusCode ?? 0;
        const headers = { get: (name: string) => headerValue(res.headers[name.toLowerCase()]) };
        const limit = init.readBytes ?? 0;
        if (!limit || (status >= 200 && status < 300)) {
          res.resume();
          // Only Retry-After is ever read (a 429's wait); the body is drained, not kept.
          resolve({ status, headers });
          return;
        }
        // A chat platform says "gone" in a failed answer's body: its first
        // bytes are read for the channel to match, then the rest is dropped.
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          res.removeAllListeners("data");
          res.resume();
          resolve({ status, headers, head: Buffer.concat(chunks).subarray(0, limit).toString("utf8") });
        };
        res.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= limit) done();
        });
        res.on("end", done);
        res.on("error", done);
      });
      req.on("error", reject);
      req.end(init.body);
    });
}

const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;
