import type { Hono } from "hono";
import { AppError } from "../../errors.ts";
import { confirmSubscription, requestSubscription, unsubscribe } from "../../services/subscribers/index.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { registerChatSubscribeRoute } from "./subscribe-chat.ts";
import { readSubscribeInput } from "./subscribe-input.ts";
import {
  acceptedText,
  chatConfirmedText,
  outcomeText,
  overSubscribeLimit,
  page,
  wantsHtml,
} from "./subscribe-reply.ts";

/**
 * Public subscription endpoints: the form and `POST /subscribe` (JSON or form
 * data), its chat twin `POST /subscribe/chat`, the confirmation link, and unsubscribe (a page with a button for
 * people, and RFC 8058 one-click POST for mail clients). Links carry signed,
 * expiring tokens; no page shows who is subscribed.
 */
export function registerSubscribeRoutes(app: Hono<AppEnv>) {
  registerChatSubscribeRoute(app);
  app.post("/subscribe", async (c) => {
    const html = wantsHtml(c);
    const limited = await overSubscribeLimit(c, html);
    if (limited) return limited;
    const input = await readSubscribeInput(c, html).catch((err: unknown) => {
      if (html && err instanceof AppError && err.code === "INVALID_ENCODING") return err;
      throw err;
    });
    if (input instanceof AppError) return page(c, 400, "That did not work", input.message);
    if (!input.ok) {
      const issue = input.issues[0];
      if (html) return page(c, 400, "That did not work", `${issue.path.join(".") || "body"}: ${issue.message}`);
      throw AppError.invalid(input.issues.map((i) => ({ field: i.path.join(".") || "body", message: i.message })));
    }
    try {
      await requestSubscription(serviceContext(c), input.data);
    } catch (err) {
      if (html && err instanceof AppError && err.status === 400) return page(c, 400, "That did not work", err.message);
      throw err;
    }
    if (html) return page(c, 202, "Check your inbox", acceptedText);
    return c.json({ data: { message: acceptedText } }, 202);
  });

  app.get("/subscribe/confirm/:token", async (c) => {
    const { outcome, type } = await confirmSubscription(serviceContext(c), c.req.param("token"));
    if (outcome === "done" && type === "chat") return page(c, 200, "Subscribed", chatConfirmedText);
    if (outcome === "done") {
      return page(
        c,
        200,
        "You're subscribed",
        "You will get an email whenever we post about an incident. Every email has a link to unsubscribe.",
      );
    }
    const [status, heading, text] = outcomeText[outcome];
    return page(c, status, heading, text);
  });

  // A GET must never unsubscribe: mail scanners follow links. It shows a button.
  app.get("/unsubscribe/:token", (c) =>
    page(c, 200, "Unsubscribe", "Stop getting incident emails from us at this address?", {
      action: `/unsubscribe/${encodeURIComponent(c.req.param("token"))}`,
      button: "Unsubscribe",
    }),
  );

  // The button, and RFC 8058 one-click (body List-Unsubscribe=One-Click) from mail clients.
  app.post("/unsubscribe/:token", async (c) => {
    const outcome = await unsubscribe(serviceContext(c), c.req.param("token"));
    if (outcome === "done") return page(c, 200, "You're unsubscribed", "You will get no more incident emails from us.");
    const [status, heading, text] = outcomeText[outcome];
    return page(c, status, heading, text);
  });
}
