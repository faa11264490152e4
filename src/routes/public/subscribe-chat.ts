import type { Context, Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { requireUtf8 } from "../../middleware/encoding.ts";
import { chatKinds } from "../../render/chat/index.ts";
import {
  type ChatSubscriptionRequest,
  maxWebhookUrlLength,
  requestChatSubscription,
} from "../../services/subscribers/index.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { chatAcceptedText, overSubscribeLimit, page, wantsHtml } from "./subscribe-reply.ts";

const ChatSubscribeSchema = z.strictObject({
  kind: z.enum(chatKinds, { error: `must be one of ${chatKinds.join(", ")}` }),
  url: z
    .string({ error: "must be the channel's incoming webhook URL" })
    .trim()
    .min(1, "must be the channel's incoming webhook URL")
    .max(maxWebhookUrlLength, `must be at most ${maxWebhookUrlLength} characters`),
  components: z
    .array(z.string().min(1).max(100), { error: "must be a list of component slugs" })
    .max(200, "must list at most 200 components")
    .optional(),
});

/** The form's fields (one `components` per box ticked) or JSON, checked; a problem is a 400 naming its field. */
async function readChatInput(c: Context<AppEnv>, html: boolean): Promise<ChatSubscriptionRequest> {
  await requireUtf8(c);
  let raw: unknown;
  if (html) {
    const form = await c.req.parseBody({ all: true });
    const picked = form.components;
    const text = (v: unknown) => (typeof v === "string" ? v : undefined);
    raw = {
      kind: text(form.kind),
      url: text(form.url),
      components: picked === undefined ? undefined : (Array.isArray(picked) ? picked : [picked]).map(String),
    };
  } else {
    raw = await c.req.json().catch(() => {
      throw AppError.invalid([{ field: "body", message: "must be valid JSON" }]);
    });
  }
  const parsed = ChatSubscribeSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // The issues' own words, never the input: the URL is the channel's secret.
  throw AppError.invalid(parsed.error.issues.map((i) => ({ field: i.path.join(".") || "body", message: i.message })));
}

/**
 * `POST /subscribe/chat`: updates in a Slack, Teams, Discord, Google Chat or
 * Mattermost channel, with double opt-in as for email (a confirmation
 * message is posted into the channel). The same limit per client as the
 * email form; a form gets a page back, JSON gets JSON. No answer shows the
 * URL or says whether the channel was already subscribed.
 */
export function registerChatSubscribeRoute(app: Hono<AppEnv>) {
  app.post("/subscribe/chat", async (c) => {
    const html = wantsHtml(c);
    const limited = await overSubscribeLimit(c, html);
    if (limited) return limited;
    try {
      await requestChatSubscription(serviceContext(c), await readChatInput(c, html));
    } catch (err) {
      if (html && err instanceof AppError && err.status === 400) return page(c, 400, "That did not work", err.message);
      throw err;
    }
    if (html) return page(c, 202, "Check the channel", chatAcceptedText);
    return c.json({ data: { message: chatAcceptedText } }, 202);
  });
}
