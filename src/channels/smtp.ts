import nodemailer from "nodemailer";
import type { MailMessage, MailTransport } from "./email.ts";

/** nodemailer's sendMail options for a message. */
export function toNodemailer(message: MailMessage) {
  // Already encoded for this recipient: nodemailer only sends it. (The id is
  // in the raw headers; passing it too spares nodemailer making one up.)
  if (message.raw) {
    return {
      envelope: { from: message.raw.envelopeFrom, to: [message.to] },
      raw: message.raw.message,
      messageId: message.messageId,
    };
  }
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    inReplyTo: message.inReplyTo,
    references: message.references,
    headers: message.headers,
  };
}

/**
 * Pooled SMTP through nodemailer: `poolSize` connections kept open, each
 * sending any number of messages (maxMessages Infinity roughly doubles
 * throughput over nodemailer's default of 100 per connection).
 */
export function createSmtpTransport(url: string, options: { poolSize: number }): MailTransport {
  // The URL goes inside the options: createTransport(url, second) would take
  // the second argument as message defaults and quietly not pool.
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: options.poolSize,
    maxMessages: Number.POSITIVE_INFINITY,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
  return {
    async send(message) {
      const info = await transport.sendMail(toNodemailer(message));
      return { messageId: message.messageId, response: info.response };
    },
    close: () => transport.close(),
  };
}

/**
 * Renders messages to RFC 5322 text without sending them (nodemailer's stream
 * transport): the dev outbox writes them as .eml files.
 */
export function createRenderingTransport(write: (eml: Buffer, message: MailMessage) => Promise<void>): MailTransport {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const info = await transport.sendMail(toNodemailer(message));
      await write(info.message as Buffer, message);
      return { messageId: message.messageId };
    },
    close: () => transport.close(),
  };
}
