import type { Subscriber } from "../../db/models.ts";

export const subscriberTypes = ["email", "webhook", "chat"] as const;
export type SubscriberType = (typeof subscriberTypes)[number];
/** What a webhook may choose to get (issue 18): incident and maintenance updates, component status changes. */
export const webhookEvents = ["incident", "component"] as const;
export type WebhookEvent = (typeof webhookEvents)[number];
export const subscriberStates = ["pending", "active", "unsubscribed", "suppressed", "quarantined"] as const;
export type SubscriberState = (typeof subscriberStates)[number];

/** A subscriber as the admin API shows it: the slugs of the components it follows instead of their ids. */
export type SubscriberView = Subscriber & { components: string[] };

/** What a link from an email came to: the public pages word each one. */
export type TokenOutcome = "done" | "already" | "expired" | "invalid";
