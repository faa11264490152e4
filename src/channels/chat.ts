import type { IncidentDetail } from "../db/models.ts";
import {
  type ChatKind,
  type ChatUpdate,
  chatConfirmationBody,
  chatKinds,
  chatUpdateBody,
} from "../render/chat/index.ts";
import { chatUpdateOf } from "../render/chat-update.ts";
import { chatAnswerBytes, chatGone } from "./chat-answers.ts";
import {
  type Channel,
  ChannelError,
  chatConfirmJob,
  type DeliveryContext,
  type OutboundUpdate,
  type SubscriberDirectory,
} from "./types.ts";
import { webhookFanOut } from "./webhook-fan-out.ts";
import { type PostOutcome, type PostRules, postJson, type WebhookSend } from "./webhook-post.ts";

export type ChatChannelOptions = {
  /** Chat subscribers (type chat, channel chat). */
  directory: SubscriberDirectory;
  pageName: string;
  publicUrl: string;
  /** The incident with its updates and components; null once it is gone. */
  loadIncident(incidentId: string): Promise<IncidentDetail | null>;
  /** A platform said the channel or webhook is gone: stop sending to it. */
  unsubscribe(subscriberId: string, now: Date): Promise<void>;
  /** As for webhooks: the Node entry's node:http send checks what hosts resolve to. Global fetch by default. */
  send?: WebhookSend;
  /** WEBHOOK_ALLOW_PRIVATE. */
  allowPrivate?: boolean;
  timeoutMs?: number;
  concurrency?: number;
  batchSize?: number;
};

export const chatUserAgent = "Candor-Chat/1";

const isKind = (kind: unknown): kind is ChatKind => (chatKinds as readonly unknown[]).includes(kind);

/** A row whose kind this build does not know (written by a newer one): a failure, so it shows, never a crash. */
const unknownKind: PostOutcome = {
  ok: false,
  status: null,
  refused: false,
  error: "not sent: unknown chat kind",
  retryAfter: null,
};

/**
 * Chat subscribers: a Slack, Teams, Discord, Google Chat or Mattermost
 * channel's incoming webhook, each sent the message in its platform's format
 * (src/render/chat). The webhook channel's engine (webhookFanOut): recipients
 * streamed in batches, each one reached recorded in deliveries (so an update reaches a
 * channel once, across retries and restarts), failures counted towards the
 * quarantine (ten within an hour), and the same private-address rule. A
 * platform's "gone" answer unsubscribes at once (chat-answers.ts); a 429 is
 * tried again with the row but is not held against the subscriber. Its one
 * job, chat.confirm, posts the double opt-in message into the channel.
 */
export function createChatChannel(options: ChatChannelOptions): Channel {
  const { directory } = options;
  const send: WebhookSend = options.send ?? ((input, init) => globalThis.fetch(input, init));
  const rules: PostRules = {
    send,
    allowPrivate: options.allowPrivate ?? false,
    timeoutMs: options.timeoutMs ?? 10_000,
    readBytes: chatAnswerBytes,
    userAgent: chatUserAgent,
  };
  // More in flight than webhooks' 10: chat channels are on a handful of platforms' hosts that answer in
  // 100 to 300 ms, so 10 would take minutes to reach 10,000 channels; each channel still gets one post at a time.
  const concurrency = options.concurrency ?? 32;
  const batchSize = options.batchSize ?? 500;
  const page = { name: options.pageName, publicUrl: options.publicUrl };

  const post = (url: string, body: string): Promise<PostOutcome> => postJson({ url, body }, rules);

  async function deliver(update: OutboundUpdate, ctx: DeliveryContext): Promise<void> {
    const pending = { id: update.updateId, incidentId: update.incidentId, createdAt: update.createdAt };
    const batch = await directory.pending(pending, null, batchSize);
    if (!batch.length) return;
    const detail = await options.loadIncident(update.incidentId);
    if (!detail) throw new ChannelError(`incident ${update.incidentId} no longer exists`, "permanent");
    const facts: ChatUpdate = chatUpdateOf(detail, update, page);
    // One body per platform, rendered and serialized once for the whole fan-out.
    const bodies = new Map<ChatKind, string>();
    const bodyFor = (kind: ChatKind) => {
      const found = bodies.get(kind);
      if (found) return found;
      const body = JSON.stringify(chatUpdateBody(kind, facts));
      bodies.set(kind, body);
      return body;
    };
    await webhookFanOut({
      ctx,
      now: ctx.now,
      directory,
      first: batch,
      pending: (afterId) => directory.pending(pending, afterId, batchSize),
      concurrency,
      post: (to) => (isKind(to.kind) ? post(to.url as string, bodyFor(to.kind)) : Promise.resolve(unknownKind)),
      recordSuccess: (to, status) => ctx.recordDelivery(to.id, { status }),
      unsubscribe: options.unsubscribe,
      gone: (to, outcome) => chatGone(to.kind ?? "", outcome),
      // A rate limit says nothing against the channel: it is tried again with the row, not counted.
      uncounted: (outcome) => outcome.status === 429,
      noun: "chat subscriber(s)",
    });
  }

  async function sendConfirmation(subscriberId: string, now: Date): Promise<void> {
    const subscriber = await directory.find(subscriberId);
    // Confirmed, gone or changed since: nothing to send.
    if (!subscriber?.url || subscriber.state !== "pending" || !isKind(subscriber.kind)) return;
    const names = (await directory.componentNames(subscriber.componentIds)).filter(Boolean);
    const confirmUrl = await directory.link(subscriber.id, "confirm", now);
    const body = chatConfirmationBody(subscriber.kind, {
      pageName: options.pageName,
      pageUrl: options.publicUrl,
      confirmUrl,
      components: names,
    });
    const outcome = await post(subscriber.url, JSON.stringify(body));
    if (outcome.ok) return;
    const said = `chat subscriber ${subscriber.id}: the confirmation ${outcome.error}`;
    // No answer, a 5xx or a rate limit may pass; anything else (a refused
    // address, a URL that is not a webhook) will not: the request stays
    // pending and unconfirmed, and can be made again from the page.
    const status = outcome.status;
    if (!outcome.refused && (status === null || status >= 500 || status === 408 || status === 429)) {
      throw new ChannelError(said, "retry", undefined, { recipientsOnly: true });
    }
    throw new ChannelError(said, "permanent");
  }

  return {
    name: chatConfirmJob.channel,
    notifyFlag: "chat",
    deliver,
    async runJob(topic, payload, ctx) {
      if (topic !== chatConfirmJob.topic) throw new ChannelError(`unknown chat job ${topic}`, "permanent");
      await sendConfirmation(String(payload.subscriberId), ctx.now);
    },
  };
}
