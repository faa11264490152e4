import type { Context } from "hono";
import { AppError } from "../../errors.ts";
import { render } from "../../render/index.ts";
import { type TokenOutcome, takeSubscribeLimit } from "../../services/subscribers/index.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { clientKey } from "./client-key.ts";

/** The same words whatever the address's state, so the form tells nobody who subscribes. */
export const acceptedText =
  "Thanks. If that address can be subscribed, we've sent it an email with a link to confirm. Nothing else will be sent until it is confirmed.";

/** The chat form's answer: the same whatever the channel's state, and never the URL. */
export const chatAcceptedText =
  "Thanks. If that channel can be subscribed, we've posted a message into it with a link to confirm. Nothing else will be posted there until it is confirmed.";

/** What confirming a chat channel says. */
export const chatConfirmedText =
  "The channel will get a message whenever we post about an incident. To stop, remove the webhook from the channel, or ask us to.";

/** What a link that did nothing says: status, heading and text of its page. */
export const outcomeText: Record<Exclude<TokenOutcome, "done">, [404 | 410 | 200, string, string]> = {
  already: [200, "Already done", "Nothing to change: this was already done."],
  expired: [
    410,
    "This link has expired",
    "Links in our emails stop working after a while. Subscribe again from the status page to get a fresh one.",
  ],
  invalid: [404, "This link does not work", "Check that the whole link was copied from the email."],
};

/** A form post gets a page back, a JSON post gets JSON: people and scripts use the same endpoint. */
export function wantsHtml(c: Context<AppEnv>): boolean {
  const type = c.req.header("content-type") ?? "";
  return !type.includes("application/json");
}

/** A plain message page (with a one-button form when given), as every subscription page answers. */
export function page(
  c: Context<AppEnv>,
  status: 200 | 202 | 400 | 404 | 410 | 429,
  heading: string,
  text: string,
  form?: { action: string; button: string },
) {
  const { config } = c.var.deps;
  return c.html(render("pages/message", { pageName: config.pageName, heading, text, ...form }), status);
}

/**
 * Counts one request against the subscription forms' shared limit per client
 * (email and chat alike). Over it: the page (or the 429 JSON error) to answer
 * with, and Retry-After set; otherwise null.
 */
export async function overSubscribeLimit(c: Context<AppEnv>, html: boolean): Promise<Response | null> {
  const decision = await takeSubscribeLimit(serviceContext(c), clientKey(c));
  if (decision.allowed) return null;
  const retry = decision.retryAfterSeconds;
  c.header("retry-after", String(retry));
  if (html) return page(c, 429, "Too many requests", `Please try again in ${Math.ceil(retry / 60)} minutes.`);
  throw new AppError("TOO_MANY_REQUESTS", `too many subscription requests; try again in ${retry} s`);
}
