import { emailSubject, emailUpdateData, emailUpdateText } from "../render/email-update.ts";
import { render } from "../render/index.ts";
import { fanOut } from "./fan-out.ts";
import { escapeHtml, newSlotMarker, type PreparedMime, prepareMime } from "./mime.ts";
import {
  type Channel,
  ChannelError,
  type DeliveryContext,
  type OutboundUpdate,
  type Recipient,
  type SubscriberDirectory,
} from "./types.ts";

/** One email, as any transport (SMTP pool, the dev outbox) takes it. */
export type MailMessage = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  headers: Record<string, string>;
  /**
   * The whole message, already encoded (see mime.ts), with the envelope
   * sender: transports send it as is rather than building it again.
   */
  raw?: { message: string; envelopeFrom: string };
};

export interface MailTransport {
  /** Resolves once the server accepted the message; rejects with nodemailer's error otherwise. */
  send(message: MailMessage): Promise<{ messageId: string; response?: string }>;
  close(): Promise<void> | void;
}

export type EmailChannelOptions = {
  transport: MailTransport;
  directory: SubscriberDirectory;
  from: string;
  pageName: string;
  publicUrl: string;
  timeZone: string;
  /** Messages handled at once: a few per SMTP connection keeps every connection busy. */
  concurrency?: number;
  /** Recipients read per query. */
  batchSize?: number;
  /** Deliveries recorded per insert. */
  recordGroup?: number;
};

/**
 * Builds one update's emails: everything that is the same for every
 * recipient (wording, times, subject, and the encoded MIME body) is worked
 * out once, so a fan-out to 100,000 people does it once, not 100,000 times.
 * Per recipient only the address, the message ids and the unsubscribe link
 * change (see mime.ts).
 */
export function updateEmailComposer(
  options: Pick<EmailChannelOptions, "from" | "pageName" | "publicUrl" | "timeZone">,
  update: OutboundUpdate,
  sentAt: Date = new Date(),
): (to: Pick<Recipient, "id" | "email">, unsubscribeUrl: string, componentNames: string) => MailMessage {
  const host = new URL(options.publicUrl).hostname;
  const base = emailUpdateData(options, update);
  const subject = emailSubject(options, update);
  const shared = {
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "List-Id": `${options.pageName} incidents <incidents.${host}>`,
    "Auto-Submitted": "auto-generated",
  };
  // The bodies differ only by the unsubscribe link, and by the components a
  // subscriber follows: one prepared message per distinct list of components.
  const marker = newSlotMarker();
  const prepared = new Map<string, { text: string; html: string; mime: PreparedMime }>();
  const bodiesFor = (componentNames: string) => {
    let found = prepared.get(componentNames);
    if (!found) {
      const data = { ...base, unsubscribeUrl: marker, componentNames };
      const text = emailUpdateText(base, marker, componentNames);
      const html = render("email/update.html", data);
      const mime = prepareMime({ from: options.from, subject, date: sentAt, headers: shared, text, html, marker });
      found = { text, html, mime };
      if (prepared.size < 1000) prepared.set(componentNames, found);
    }
    return found;
  };
  return (to, unsubscribeUrl, componentNames) => {
    const bodies = bodiesFor(componentNames);
    // One thread per incident in every mail client: the first update's id is
    // the root, and every later one replies to it.
    const root = `<${update.incidentId}.${to.id}@${host}>`;
    const first = update.seq === 1;
    const messageId = first ? root : `<${update.updateId}.${to.id}@${host}>`;
    const headers = { "List-Unsubscribe": `<${unsubscribeUrl}>`, ...shared };
    const message: MailMessage = {
      from: options.from,
      to: to.email as string,
      subject,
      // Only read when the message is not sent pre-encoded: worked out on demand.
      get text() {
        return bodies.text.replaceAll(marker, unsubscribeUrl);
      },
      get html() {
        return bodies.html.replaceAll(marker, escapeHtml(unsubscribeUrl));
      },
      messageId,
      inReplyTo: first ? undefined : root,
      references: first ? undefined : [root],
      headers,
    };
    const raw = bodies.mime.build({
      to: message.to,
      messageId,
      inReplyTo: message.inReplyTo,
      references: message.references,
      headers: { "List-Unsubscribe": headers["List-Unsubscribe"] },
      slot: unsubscribeUrl,
    });
    if (raw !== null) message.raw = { message: raw, envelopeFrom: bodies.mime.envelopeFrom };
    return message;
  };
}

/** SMTP's verdict on one recipient, from nodemailer's error. */
export function smtpVerdict(err: unknown): "soft" | "hard" | "channel" | "auth" {
  const e = err as { responseCode?: number; code?: string };
  if (e?.code === "EAUTH") return "auth";
  const code = e?.responseCode;
  if (typeof code === "number" && (e.code === "EENVELOPE" || e.code === "EMESSAGE" || e.code === undefined)) {
    if (code >= 500) return "hard";
    if (code >= 400) return "soft";
  }
  return "channel";
}

/**
 * The email channel. For each update it streams the subscribers who should
 * get it and have not yet, in batches, sending `concurrency` at a time, and
 * records each one reached: after a crash only what was in flight is sent
 * again. A 4xx for a recipient leaves them for the row's next attempt; a 5xx
 * fails that recipient (three in a row suppress the address); a broken
 * connection or bad credentials stop the fanout, to resume where it was.
 * Its own job, email.confirm, sends the double opt-in email.
 */
export function createEmailChannel(options: EmailChannelOptions): Channel {
  const { transport, directory } = options;
  const concurrency = options.concurrency ?? 10;
  const batchSize = options.batchSize ?? 500;
  const recordGroup = options.recordGroup ?? 50;
  const host = new URL(options.publicUrl).hostname;

  async function deliver(update: OutboundUpdate, ctx: DeliveryContext): Promise<void> {
    let deferred = 0;
    // Successes are recorded in small groups: one insert per group rather than
    // per message. A crash re-sends at most the messages in flight plus one
    // unrecorded group.
    let sent: { recipient: string; receipt: Record<string, unknown> }[] = [];
    const flush = async () => {
      const group = sent;
      sent = [];
      await ctx.recordDeliveries(group);
      // Keep the claim while sending; if another worker took the row over
      // (this one stalled past its lease), stop before sending anyone twice.
      if (!(await ctx.renewClaim())) {
        throw new ChannelError("lost the claim on this delivery to another worker", "retry");
      }
    };
    const pending = { id: update.updateId, incidentId: update.incidentId, createdAt: update.createdAt };
    const messageFor = updateEmailComposer(options, update);
    const names = new Map<string, string>();
    const namesOf = async (ids: string[]) => {
      const missing = ids.filter((id) => !names.has(id));
      if (missing.length) {
        const found = await directory.componentNames(missing);
        for (const [i, id] of missing.entries()) names.set(id, found[i] ?? "");
      }
      return ids
        .map((id) => names.get(id))
        .filter(Boolean)
        .join(", ");
    };
    await fanOut({
      ctx,
      pending: (afterId) => directory.pending(pending, afterId, batchSize),
      concurrency,
      afterBatch: flush,
      async send(to) {
        try {
          const unsubscribeUrl = await directory.link(to.id, "unsubscribe", ctx.now);
          const following = to.componentIds.length ? await namesOf(to.componentIds) : "";
          const info = await transport.send(messageFor(to, unsubscribeUrl, following));
          sent.push({ recipient: to.id, receipt: { message_id: info.messageId } });
        } catch (err) {
          const verdict = smtpVerdict(err);
          const text = err instanceof Error ? err.message : String(err);
          if (verdict === "hard") {
            await ctx.recordDelivery(to.id, { failed: true, error: text.slice(0, 500) });
            await directory.failed(to.id, text, ctx.now);
            return;
          }
          if (verdict === "soft") {
            deferred++;
            return;
          }
          throw new ChannelError(`SMTP: ${text}`, verdict === "auth" ? "unhealthy" : "retry");
        }
        if (sent.length >= recordGroup) await flush();
        if (to.failures > 0) await directory.succeeded(to.id, ctx.now);
      },
    });
    if (deferred) {
      throw new ChannelError(
        `SMTP deferred ${deferred} recipient(s) (4xx); they get it on the next attempt`,
        "retry",
        undefined,
        { recipientsOnly: true },
      );
    }
  }

  async function sendConfirmation(subscriberId: string, now: Date): Promise<void> {
    const subscriber = await directory.find(subscriberId);
    // Confirmed, gone or changed since: nothing to send.
    if (!subscriber?.email || subscriber.state !== "pending") return;
    const names = (await directory.componentNames(subscriber.componentIds)).filter(Boolean);
    const data = {
      pageName: options.pageName,
      confirmUrl: await directory.link(subscriber.id, "confirm", now),
      componentNames: names.join(", "),
    };
    try {
      await transport.send({
        from: options.from,
        to: subscriber.email,
        subject: `Confirm your subscription to ${options.pageName}`,
        text: render("email/confirm.text", data),
        html: render("email/confirm.html", data),
        messageId: `<confirm.${subscriber.id}.${now.getTime()}@${host}>`,
        headers: { "Auto-Submitted": "auto-generated" },
      });
    } catch (err) {
      const verdict = smtpVerdict(err);
      const text = err instanceof Error ? err.message : String(err);
      if (verdict === "hard") {
        await directory.failed(subscriber.id, text, now);
        // The subscriber's id, not the address: this message is stored on the row and logged.
        throw new ChannelError(`SMTP refused subscriber ${subscriber.id}: ${text}`, "permanent");
      }
      throw new ChannelError(`SMTP: ${text}`, verdict === "auth" ? "unhealthy" : "retry");
    }
  }

  return {
    name: "email",
    notifyFlag: "email",
    deliver,
    async runJob(topic, payload, ctx) {
      if (topic !== "email.confirm") throw new ChannelError(`unknown email job ${topic}`, "permanent");
      await sendConfirmation(String(payload.subscriberId), ctx.now);
    },
  };
}
