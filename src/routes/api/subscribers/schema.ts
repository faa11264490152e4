import { z } from "@hono/zod-openapi";
import { chatKinds } from "../../../render/chat/index.ts";
import {
  maxEmailLength,
  maxWebhookUrlLength,
  subscriberStates,
  subscriberTypes,
  webhookEvents,
} from "../../../services/subscribers/index.ts";
import { Slug, Timestamp } from "../schemas.ts";

export const SubscriberTypeSchema = z.enum(subscriberTypes).openapi("SubscriberType");
export const ChatKindSchema = z
  .enum(chatKinds, { error: `must be one of ${chatKinds.join(", ")}` })
  .openapi("ChatKind", { description: "The chat platform, which shapes the message", example: "slack" });
export const SubscriberStateSchema = z.enum(subscriberStates).openapi("SubscriberState", {
  description:
    "pending (not confirmed), active, unsubscribed, suppressed (an email that hard-bounced 3 times in a row) or quarantined (a webhook or chat channel that kept failing)",
});

const components = z
  .array(Slug, { error: "must be a list of component slugs" })
  .max(200, "must list at most 200 components")
  .optional()
  .openapi({
    example: ["api"],
    description:
      "Component slugs to hear about; [] means every incident. When the subscriber already exists, omitting this keeps what it follows.",
  });

const events = z
  .array(z.enum(webhookEvents, { error: `must list events among ${webhookEvents.join(", ")}` }), {
    error: "must be a list of events",
  })
  .min(1, "must list at least one event")
  .max(webhookEvents.length, `must list at most ${webhookEvents.length} events`)
  .refine((v) => new Set(v).size === v.length, "must not list an event twice")
  .optional()
  .openapi({
    example: ["incident", "component"],
    description:
      'What the webhook gets: incident (incident.update, for incidents and maintenance) and/or component (component.update, when a component\'s status changes). Default ["incident"]; when the webhook already exists, omitting this keeps its choice.',
  });

const hookUrl = (example: string) =>
  z
    .string()
    .trim()
    .max(maxWebhookUrlLength, `must be at most ${maxWebhookUrlLength} characters`)
    .refine((v) => /^https?:\/\//i.test(v), "must be an http or https URL")
    .openapi({ example });

export const AddSubscriberSchema = z
  .discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("email"),
      email: z
        .string()
        .trim()
        .toLowerCase()
        .max(maxEmailLength, `must be at most ${maxEmailLength} characters`)
        .email({ error: "must be an email address" })
        .openapi({ example: "ops@example.com" }),
      components,
    }),
    z.strictObject({
      type: z.literal("webhook"),
      url: hookUrl("https://hooks.example.com/candor"),
      components,
      events,
    }),
    z.strictObject({
      type: z.literal("chat"),
      kind: ChatKindSchema,
      url: hookUrl("https://hooks.slack.com/services/T000/B000/XXXX").openapi({
        description: "The channel's incoming webhook URL (Slack, Teams Workflows, Discord, Google Chat, Mattermost)",
      }),
      components,
    }),
  ])
  .openapi("AddSubscriber");

export const ImportJsonSchema = z
  .strictObject({
    csv: z.string({ error: "must be the CSV file as a string" }).openapi({
      example: "email,components\nops@example.com,api web\n",
    }),
  })
  .openapi("ImportSubscribers");

export const SubscriberSchema = z
  .object({
    id: z.string(),
    type: SubscriberTypeSchema,
    email: z.string().nullable().openapi({ description: "For email subscribers; null for webhooks" }),
    url: z.string().nullable().openapi({ description: "For webhooks and chat; null for email subscribers" }),
    kind: ChatKindSchema.nullable().openapi({ description: "For chat subscribers: the platform; null otherwise" }),
    state: SubscriberStateSchema,
    components: z.array(z.string()).openapi({ description: "Slugs of the components followed; [] means every one" }),
    events: z.array(z.enum(webhookEvents)).openapi({
      description: "Webhooks: the events chosen, incident and/or component (email subscribers get incidents)",
    }),
    failures: z
      .number()
      .int()
      .openapi({ description: "Failed deliveries in a row (emails) or within the hour (webhooks, chat)" }),
    last_error: z.string().nullable(),
    confirmed_at: Timestamp.nullable(),
    unsubscribed_at: Timestamp.nullable(),
    quarantined_at: Timestamp.nullable(),
    created_at: Timestamp,
  })
  .openapi("Subscriber");

export const ImportResultSchema = z
  .object({
    added: z.number().int().openapi({ description: "New addresses, active now" }),
    reactivated: z.number().int().openapi({ description: "Pending, unsubscribed or suppressed addresses made active" }),
    updated: z.number().int().openapi({ description: "Active addresses whose components changed" }),
    unchanged: z.number().int(),
    skipped: z
      .number()
      .int()
      .openapi({ description: "Rows the file marks as webhooks or as not active (type and state columns)" }),
  })
  .openapi("ImportResult");
