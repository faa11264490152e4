// A real SMTP server for tests: smtp-server on a random port of 127.0.0.1,
// no TLS, no authentication needed, that keeps every message it accepts
// (raw, and parsed with mailparser) and can answer chosen recipients with a
// 4xx or a 5xx at RCPT TO, as a real mail server would for a full mailbox or
// an address that does not exist. In count-only mode it parses nothing and
// keeps no bodies: it counts messages, bytes and messages per recipient, for
// benchmarks and big fanouts.
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { sleep } from "./wait.ts";

export type SinkMessage = {
  /** The envelope: MAIL FROM, and the RCPT TO addresses accepted (lowercased). */
  mailFrom: string;
  to: string[];
  /** The message as it came in (empty in count-only mode). */
  raw: Buffer;
  /** mailparser's reading of `raw` (undefined in count-only mode). */
  parsed?: ParsedMail;
  size: number;
  /** Date.now() when the last byte came in. */
  receivedAt: number;
};

export type SmtpSinkOptions = {
  /** Count messages and bytes only: no bodies kept, nothing parsed. */
  countOnly?: boolean;
  /**
   * Milliseconds to wait, after a message is in and counted, before answering
   * 250: a slow server. A function is asked once per message.
   */
  dataDelayMs?: number | (() => number);
  /** Simultaneous connections accepted (smtp-server's maxClients). */
  maxClients?: number;
};

type Rule = { code: number; text: string };

export type SmtpSink = {
  port: number;
  /** smtp://127.0.0.1:<port> */
  url: string;
  /** Messages accepted, in the order their DATA ended (empty in count-only mode). */
  messages: SinkMessage[];
  /** Messages accepted so far (every mode). */
  count(): number;
  /** Bytes of message data accepted so far. */
  bytes(): number;
  /** Per recipient address (lowercased): how many accepted messages were addressed to it. */
  countsByRecipient(): Map<string, number>;
  /** SMTP connections opened since the start (or the last clear), and the most open at once. */
  connections(): { opened: number; open: number; maxOpen: number };
  /** Changes how long each DATA is answered after (see SmtpSinkOptions.dataDelayMs). */
  setDataDelay(ms: number | (() => number)): void;
  /** Per recipient address: how many RCPT TO commands named it, refused ones included. */
  rcptAttempts(address: string): number;
  /** Parsed messages addressed to `address` (not in count-only mode). */
  to(address: string): ParsedMail[];
  /** Answers RCPT TO `address` with a permanent failure (5xx) until allowed again. */
  rejectRecipient(address: string, code?: number, text?: string): void;
  /** Answers RCPT TO `address` with a temporary failure (4xx) until allowed again. */
  deferRecipient(address: string, code?: number, text?: string): void;
  /** Accepts `address` again. */
  allow(address: string): void;
  /** Forgets every message, count and rule (open connections stay, and count as the most open). */
  clear(): void;
  /** Resolves once `count` messages in all have been accepted; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Connection errors the server saw (resets when a client is killed, ...). */
  errors: Error[];
  close(): Promise<void>;
};

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const rules = new Map<string, Rule>();
  const attempts = new Map<string, number>();
  const perRecipient = new Map<string, number>();
  const messages: SinkMessage[] = [];
  const errors: Error[] = [];
  let accepted = 0;
  let opened = 0;
  const open = new Set<string>();
  let maxOpen = 0;
  let dataDelayMs = options.dataDelayMs;
  let totalBytes = 0;
  let waiters: { count: number; resolve: () => void }[] = [];

  const notify = () => {
    const ready = waiters.filter((w) => accepted >= w.count);
    waiters = waiters.filter((w) => accepted < w.count);
    for (const w of ready) w.resolve();
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    maxClients: options.maxClients ?? 100,
    size: 10 * 1024 * 1024,
    closeTimeout: 2_000,
    onConnect(session, callback) {
      opened++;
      open.add(session.id);
      maxOpen = Math.max(maxOpen, open.size);
      callback();
    },
    onClose(session) {
      open.delete(session.id);
    },
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      attempts.set(to, (attempts.get(to) ?? 0) + 1);
      const rule = rules.get(to);
      if (!rule) return callback();
      const err = new Error(rule.text) as Error & { responseCode: number };
      err.responseCode = rule.code;
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (!options.countOnly) chunks.push(chunk);
      });
      stream.on("error", (err: Error) => callback(err));
      stream.on("end", async () => {
        const to = session.envelope.rcptTo.map((a) => a.address.toLowerCase());
        const raw = options.countOnly ? Buffer.alloc(0) : Buffer.concat(chunks);
        let parsed: ParsedMail | undefined;
        if (!options.countOnly) {
          try {
            parsed = await simpleParser(raw);
          } catch (err) {
            errors.push(err as Error);
          }
        }
        // Counted once the last byte is in, before the 250: a client that dies
        // while the server is still answering has had its message delivered.
        accepted++;
        totalBytes += size;
        for (const address of to) perRecipient.set(address, (perRecipient.get(address) ?? 0) + 1);
        if (!options.countOnly) {
          const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          messages.push({ mailFrom, to, raw, parsed, size, receivedAt: Date.now() });
        }
        notify();
        const delay = typeof dataDelayMs === "function" ? dataDelayMs() : (dataDelayMs ?? 0);
        if (delay > 0) await sleep(delay);
        try {
          callback();
        } catch (err) {
          errors.push(err as Error); // the client went away meanwhile
        }
      });
    },
  });
  // Without a listener, a client killed mid-conversation (ECONNRESET) would
  // be thrown as an unhandled 'error' event.
  server.on("error", (err) => {
    errors.push(err);
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    count: () => accepted,
    bytes: () => totalBytes,
    countsByRecipient: () => new Map(perRecipient),
    connections: () => ({ opened, open: open.size, maxOpen }),
    setDataDelay(ms) {
      dataDelayMs = ms;
    },
    rcptAttempts: (address) => attempts.get(address.toLowerCase()) ?? 0,
    to: (address) =>
      messages.filter((m) => m.to.includes(address.toLowerCase()) && m.parsed).map((m) => m.parsed as ParsedMail),
    rejectRecipient(address, code = 550, text = "No such user") {
      if (code < 500 || code > 599) throw new Error(`a rejection is a 5xx, not ${code}`);
      rules.set(address.toLowerCase(), { code, text });
    },
    deferRecipient(address, code = 451, text = "Try later") {
      if (code < 400 || code > 499) throw new Error(`a deferral is a 4xx, not ${code}`);
      rules.set(address.toLowerCase(), { code, text });
    },
    allow(address) {
      rules.delete(address.toLowerCase());
    },
    clear() {
      rules.clear();
      attempts.clear();
      perRecipient.clear();
      messages.length = 0;
      errors.length = 0;
      accepted = 0;
      totalBytes = 0;
      opened = 0;
      maxOpen = open.size;
    },
    waitFor(count, timeoutMs = 5_000) {
      if (accepted >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`SMTP sink: ${accepted} message(s) after ${timeoutMs} ms, waiting for ${count}`));
        }, timeoutMs);
        const waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        waiters.push(waiter);
      });
    },
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        // smtp-server waits for open connections (a pool's idle ones
        // included) for up to closeTimeout; say goodbye to them now instead.
        for (const connection of [...server.connections]) {
          try {
            const c = connection as { send(code: number, text: string): void; close(): void };
            c.send(421, "Server shutting down");
            c.close();
          } catch {
            // Already closing.
          }
        }
        server.close(() => resolve());
      }),
  };
}

/** A header as sent, unfolded, without its name ("" when absent). */
export function header(mail: ParsedMail, name: string): string {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase());
  if (!line) return "";
  return line.line
    .replace(/\r?\n[ \t]+/g, " ")
    .slice(line.line.indexOf(":") + 1)
    .trim();
}

export const references = (mail: ParsedMail) =>
  mail.references === undefined ? [] : Array.isArray(mail.references) ? mail.references : [mail.references];
