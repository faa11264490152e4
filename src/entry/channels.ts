import { createChatChannel } from "../channels/chat.ts";
import { createEmailChannel, type MailTransport } from "../channels/email.ts";
import { createListenAlertChannel } from "../channels/listen-alert.ts";
import { createLogChannel } from "../channels/log.ts";
import { createSmtpTransport } from "../channels/smtp.ts";
import { createTwitterChannel } from "../channels/twitter.ts";
import type { Channel } from "../channels/types.ts";
import { createWebhookChannel, type WebhookChannelOptions } from "../channels/webhook.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { systemActor } from "../services/context.ts";
import { findIncident } from "../services/incidents/index.ts";
import { componentEventSource, subscriberDirectory, unsubscribeGoneWebhook } from "../services/subscribers/index.ts";

export type ChannelDeps = {
  db: Db;
  /**
   * Where email goes when SMTP_URL is not set, and what to say about it (the
   * Node entry writes .eml files). Without it the email channel is off.
   */
  mailFallback?: { transport: MailTransport; note: string };
  /** Why email is off when there is neither SMTP_URL nor a fallback. */
  noMailReason?: string;
  /** Where the log channel writes each line; stdout by default. */
  logLine?: (line: string) => void;
  /**
   * Webhook settings: how to send (the Node entry's node:http one checks what
   * hosts resolve to), and what a test shortens or pins (the signature clock,
   * the receiver's time to answer).
   */
  webhook?: Pick<WebhookChannelOptions, "clock" | "timeoutMs" | "send">;
};

export type BuiltChannels = {
  channels: Channel[];
  /** Channels Candor knows but this deployment has not configured, and why (GET /api/v1/channels). */
  disabled: { name: string; reason: string }[];
  /** One line on where email goes, for the startup lines. */
  emailNote: string;
  /** Closes the mail transport's pooled connections. */
  close(): Promise<void>;
};

const twitterOffReason =
  "TWITTER_APP_KEY, TWITTER_APP_SECRET, TWITTER_ACCESS_TOKEN and TWITTER_ACCESS_SECRET are not set";

/**
 * The delivery channels from the configuration: the one place they are
 * wired, for the Node entry, the Workers entry and the tests alike.
 *
 * @example
 * const { channels, disabled, close } = await buildChannels(config, { db });
 */
export async function buildChannels(config: Config, deps: ChannelDeps): Promise<BuiltChannels> {
  const { db } = deps;
  const channels: Channel[] = [];
  const disabled: BuiltChannels["disabled"] = [];
  if (config.logChannel.enabled) {
    const logLine = deps.logLine ?? ((line: string) => console.log(`[log channel] ${line}`));
    channels.push(createLogChannel({ delayMs: config.logChannel.delayMs, append: logLine }));
  }

  let mail: MailTransport | undefined;
  let emailNote: string;
  if (config.mail.smtpUrl) {
    mail = createSmtpTransport(config.mail.smtpUrl, { poolSize: config.mail.poolSize });
    emailNote = `sending through ${new URL(config.mail.smtpUrl).host} (pool of ${config.mail.poolSize})`;
  } else if (deps.mailFallback) {
    mail = deps.mailFallback.transport;
    emailNote = deps.mailFallback.note;
  } else {
    emailNote = deps.noMailReason ?? "SMTP_URL is not set";
    disabled.push({ name: "email", reason: emailNote });
  }
  const directory = (channel: "email" | "webhook" | "chat") =>
    subscriberDirectory(db, { publicUrl: config.publicUrl, channel, type: channel });
  if (mail) {
    channels.push(
      createEmailChannel({
        transport: mail,
        directory: directory("email"),
        from: config.mail.from,
        pageName: config.pageName,
        publicUrl: config.publicUrl,
        timeZone: config.pageTimezone,
        concurrency: config.mail.poolSize * 4,
      }),
    );
  }

  const reader = { db, config, clock: () => new Date(), actor: systemActor };
  channels.push(
    createWebhookChannel({
      directory: directory("webhook"),
      pageName: config.pageName,
      publicUrl: config.publicUrl,
      loadIncident: (id) => findIncident(reader, id),
      componentEvents: componentEventSource(db),
      unsubscribe: (id, now) => unsubscribeGoneWebhook(db, id, now),
      allowPrivate: config.webhookAllowPrivate,
      ...deps.webhook,
    }),
  );

  // Chat subscribers (issue 18): the webhook engine, each platform's own message.
  channels.push(
    createChatChannel({
      directory: directory("chat"),
      pageName: config.pageName,
      publicUrl: config.publicUrl,
      loadIncident: (id) => findIncident(reader, id),
      unsubscribe: (id, now) => unsubscribeGoneWebhook(db, id, now),
      allowPrivate: config.webhookAllowPrivate,
      send: deps.webhook?.send,
      timeoutMs: deps.webhook?.timeoutMs,
    }),
  );

  // The operators' spike alert: jobs only, so no public update ever reaches its URL.
  if (config.listen?.alert) {
    channels.push(
      createListenAlertChannel({
        url: config.listen.alert.url,
        secret: config.listen.alert.secret,
        allowPrivate: config.webhookAllowPrivate,
        send: deps.webhook?.send,
        timeoutMs: deps.webhook?.timeoutMs,
      }),
    );
  } else if (config.listen) {
    disabled.push({
      name: "listen-alert",
      reason: "LISTEN_ALERT_WEBHOOK_URL is not set: spikes are recorded, nobody is paged",
    });
  }

  if (config.twitter) {
    channels.push(createTwitterChannel({ twitter: config.twitter }));
  } else {
    disabled.push({ name: "twitter", reason: twitterOffReason });
  }
  return { channels, disabled, emailNote, close: async () => void (await mail?.close()) };
}
