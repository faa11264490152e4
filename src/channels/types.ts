import type { Subscriber } from "../db/models.ts";
import type { ComponentEventFacts } from "../render/statuspage/component-payload.ts";
import type { Indicator } from "../render/statuspage/page-status.ts";

/** One subscriber a fan-out sends to: only what sending needs. */
export type Recipient = Pick<Subscriber, "id" | "email" | "url" | "secret" | "failures" | "componentIds"> &
  Partial<Pick<Subscriber, "kind">>;

/** What the email, webhook and chat channels need to know about subscribers, without knowing the database. */
export type SubscriberDirectory = {
  pending(
    update: { id: string; incidentId: string; createdAt: Date },
    afterId: string | null,
    limit: number,
  ): Promise<Recipient[]>;
  failed(subscriberId: string, message: string, now: Date): Promise<string>;
  succeeded(subscriberId: string, now: Date): Promise<void>;
  find(subscriberId: string): Promise<{
    id: string;
    email: string | null;
    state: string;
    componentIds: string[];
    url?: string | null;
    kind?: string | null;
  } | null>;
  link(subscriberId: string, purpose: "confirm" | "unsubscribe", now: Date): Promise<string>;
  componentNames(componentIds: string[]): Promise<string[]>;
};

/** What a channel is given to publish: one public update, already worded. */
export type OutboundUpdate = {
  updateId: string;
  incidentId: string;
  incidentTitle: string;
  incidentUrl: string;
  seq: number;
  kind: string;
  status: string;
  impact: string;
  /** The full public text: the message and the promise it carries. */
  text: string;
  /** The two halves of `text`, for channels that must shorten it: the message may be cut, the promise may not. */
  message: string;
  promise: string;
  /** Engineers' own wording for X, if they gave one. */
  customTweet: string | null;
  createdAt: Date;
};

/** Lets a channel skip recipients it already reached and record the ones it reaches. */
export type DeliveryContext = {
  now: Date;
  alreadyDelivered(recipient: string): Promise<boolean>;
  recordDelivery(recipient: string, receipt?: Record<string, unknown>): Promise<void>;
  /**
   * Renews this worker's claim on the row: a long fan-out calls it between
   * batches, so that no other process takes the row over while it is still
   * being sent. False when the claim was lost: stop at once.
   */
  renewClaim(): Promise<boolean>;
  /** Records many recipients in one statement (a fan-out's successes, flushed in small groups). */
  recordDeliveries(items: { recipient: string; receipt?: Record<string, unknown> }[]): Promise<void>;
  /**
   * `key` from the receipt of the latest earlier update of the same incident
   * that this channel delivered (for X: the post a reply attaches to).
   */
  previousReceipt(key: string): Promise<string | null>;
};

/** One medium (X, email, webhooks, the log). */
export interface Channel {
  readonly name: string;
  /** The `notify` flag that can silence this channel for one update, if any. */
  readonly notifyFlag?: "twitter" | "email" | "webhook" | "chat";
  /**
   * True when an incident's updates must go out in order (a thread): a row is
   * not claimed while an earlier update of its incident is still pending on
   * this channel.
   */
  readonly ordered?: boolean;
  /**
   * True for a channel that takes no public updates, only its own jobs: the
   * operators' spike alert webhook, the acknowledgements on X (issue 16).
   */
  readonly jobsOnly?: boolean;
  deliver(update: OutboundUpdate, ctx: DeliveryContext): Promise<void>;
  /**
   * Runs one of the channel's own jobs (outbox rows whose topic is not
   * "update"), such as the email channel's confirmation emails. Same error
   * rules as deliver. A job that fans out (component.update) renews its claim
   * between batches with `renewClaim`, as deliver does.
   */
  runJob?(
    topic: string,
    payload: Record<string, unknown>,
    ctx: { now: Date } & Partial<Pick<DeliveryContext, "renewClaim">>,
  ): Promise<void>;
}

/**
 * How a failed delivery should be treated. `retry`: back off and try again
 * (counts an attempt). `retry_at`: the other side said when (a rate limit; no
 * attempt counted). `unhealthy`: the channel itself is broken (bad
 * credentials); keep the row and try later without using up attempts.
 * `permanent`: trying again cannot help; the row is dead at once.
 */
export class ChannelError extends Error {
  override name = "ChannelError";
  readonly decision: "retry" | "retry_at" | "unhealthy" | "permanent";
  readonly retryAt?: Date;
  /**
   * True when only some recipients failed (an SMTP 4xx for one address, one
   * webhook down): the channel itself works, so it stays healthy.
   */
  readonly recipientsOnly: boolean;

  constructor(
    message: string,
    decision: ChannelError["decision"],
    retryAt?: Date,
    options: { recipientsOnly?: boolean } = {},
  ) {
    super(message);
    this.decision = decision;
    this.retryAt = retryAt;
    this.recipientsOnly = options.recipientsOnly ?? false;
  }
}

// Reading X (the listeners, issue 16): what a page of posts looks like, and how a read fails.

/** A post as the listeners need it: who, what, when, and how it relates to us. */
export type XPost = {
  id: string;
  authorId: string;
  authorUsername: string;
  text: string;
  createdAt: Date;
  conversationId: string | null;
  inReplyToUserId: string | null;
  isRetweet: boolean;
  /** The @handles it mentions (as X parsed them), lower-cased. */
  mentions: string[];
};

/** One page of a timeline or search, newest first. */
export type XPage = { posts: XPost[]; nextToken: string | null; newestId: string | null };

/** One page's bounds: after a post id (the cursor) or, before there is one, after a time. */
export type PageRequest = {
  sinceId?: string | null;
  /** Only posts older than this id (reading what a capped timeline could not reach). */
  untilId?: string | null;
  startTime?: Date | null;
  pageToken?: string | null;
  maxResults: number;
};

/** What went wrong, decided once: wait until a time, back off, or stop until someone fixes it. */
export class XReadError extends Error {
  override name = "XReadError";
  readonly kind: "rate_limited" | "refused" | "unavailable";
  /** rate_limited: when X's window resets. */
  readonly resetAt: Date | null;
  constructor(message: string, kind: XReadError["kind"], resetAt: Date | null = null) {
    super(message);
    this.kind = kind;
    this.resetAt = resetAt;
  }
}

export type XReader = {
  me(): Promise<{ id: string; username: string }>;
  mentions(userId: string, page: PageRequest): Promise<XPage>;
  search(query: string, page: PageRequest): Promise<XPage>;
  /** An author's own posts since a time (before an acknowledgement, Candor reads what they said since). */
  userPosts(userId: string, since: Date, maxResults: number): Promise<XPage>;
};

/**
 * The operators' spike alert (issue 16): the channel that sends it and its
 * one job, named once here because the service that enqueues it and the
 * channel that runs it must agree.
 */
export const listenAlertJob = { channel: "listen-alert", topic: "listen.alert" } as const;

/**
 * A component's status changed (issue 18): the webhook channel's own job,
 * named once here because services/components/record-status-change.ts
 * enqueues it and channels/webhook-component.ts runs it.
 */
export const componentUpdateJob = { channel: "webhook", topic: "component.update" } as const;

/** What the component.update job needs of the database, without knowing it. */
export type ComponentEventSource = {
  /** The event and its component as they are now; null once gone. */
  load(eventId: string): Promise<ComponentEventFacts | null>;
  /** The page's indicator now (Statuspage's `page.status_indicator`). */
  pageIndicator(): Promise<Indicator>;
  /**
   * The next `limit` webhooks (after `afterId`, in id order) that chose
   * component events, follow this component (or every one), were active when
   * it changed and have not had this event yet.
   */
  pending(
    event: { id: string; componentId: string; createdAt: Date },
    afterId: string | null,
    limit: number,
  ): Promise<Recipient[]>;
  /** Records that a webhook answered 2xx to this event. */
  delivered(eventId: string, subscriberId: string, status: number, now: Date): Promise<void>;
};

/** The chat channel's double opt-in message (issue 18), named here for the same reason. */
export const chatConfirmJob = { channel: "chat", topic: "chat.confirm" } as const;
