// nodemailer's parts, not its index: the index brings every transport (SES,
// sendmail, JSON, its fetch), which the Workers bundle would carry for nothing.
import Mail from "nodemailer/lib/mailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import SMTPPool from "nodemailer/lib/smtp-pool";
import StreamTransport from "nodemailer/lib/stream-transport";
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
export function createSmtpTransport(url: string, { poolSize }: { poolSize: number }): MailTransport {
  // What nodemailer.createTransport({ url, pool: true, ... }) builds.
  const options = {
    ...parseConnectionUrl(url),
    pool: true,
    maxConnections: poolSize,
    maxMessages: Number.POSITIVE_INFINITY,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
  const transport = new Mail(new SMTPPool(options as never), options as never);
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
  const options = { streamTransport: true, buffer: true, newline: "unix" };
  const transport = new Mail(new StreamTransport(options as never), options as never);
  return {
    async send(message) {
      const info = await transport.sendMail(toNodemailer(message));
      await write(info.message as Buffer, message);
      return { messageId: message.messageId };
    },
    close: () => transport.close(),
  };
}
