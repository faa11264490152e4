import type { Context, Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { render } from "../../render/index.ts";
import { takeRateLimit } from "../../services/rate-limits.ts";
import {
  confirmSubscription,
  requestSubscription,
  type TokenOutcome,
  unsubscribe,
} from "../../services/subscribers.ts";
import { type AppEnv, serviceContext } from "../env.ts";

/** Per client address: generous for people behind one NAT, tight for a script. */
const perAddress = { limit: 10, windowMs: 10 * 60_000 };

const SubscribeSchema = z.strictObject({
  email: z.email({ error: "must be an email address" }).max(254, "must be at most 254 characters"),
  components: z
    .array(z.string().min(1).max(100), { error: "must be a list of component slugs" })
    .max(200, "must list at most 200 components")
    .optional(),
});

/** The same words whatever the address's state, so the form tells nobody who subscribes. */
const acceptedText =
  "Thanks. If that address can be subscribed, we've sent it an email with a link to confirm. Nothing else will be sent until it is confirmed.";

function wantsHtml(c: Context<AppEnv>): boolean {
  const type = c.req.header("content-type") ?? "";
  return !type.includes("application/json");
}

function page(
  c: Context<AppEnv>,
  status: 200 | 202 | 400 | 404 | 410 | 429,
  heading: string,
  text: string,
  form?: { action: string; button: string },
) {
  const { config } = c.var.deps;
  return c.html(render("pages/message", { pageName: config.pageName, heading, text, ...form }), status);
}

/** The address a limit is kept for: the socket's, or the proxy's header when TRUST_PROXY is on. */
function clientKey(c: Context<AppEnv>): string {
  const { config, clientAddress } = c.var.deps;
  if (config.trustProxy) {
    const forwarded = c.req.header("cf-connecting-ip") ?? c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return clientAddress?.(c) ?? "unknown";
}

/**
 * Public subscription endpoints: the form and `POST /subscribe` (JSON or form
 * data), the confirmation link, and unsubscribe (a page with a button for
 * people, and RFC 8058 one-click POST for mail clients). Links carry signed,
 * expiring tokens; no page shows who is subscribed.
 */
export function registerSubscribeRoutes(app: Hono<AppEnv>) {
  app.post("/subscribe", async (c) => {
    const html = wantsHtml(c);
    const key = clientKey(c);
    // Counted in the database: every process and Workers isolate shares the limit.
    const decision = await takeRateLimit(c.var.deps.db, `subscribe:${key}`, c.var.deps.clock(), perAddress);
    if (!decision.allowed) {
      const retry = decision.retryAfterSeconds;
      c.header("retry-after", String(retry));
      if (html) return page(c, 429, "Too many requests", `Please try again in ${Math.ceil(retry / 60)} minutes.`);
      throw new AppError("TOO_MANY_REQUESTS", `too many subscription requests; try again in ${retry} s`);
    }
    let raw: unknown;
    if (html) {
      const form = await c.req.parseBody({ all: true });
      const picked = form.components;
      raw = {
        email: typeof form.email === "string" ? form.email : undefined,
        components: picked === undefined ? undefined : (Array.isArray(picked) ? picked : [picked]).map(String),
      };
    } else {
      raw = await c.req.json().catch(() => {
        throw AppError.invalid([{ field: "body", message: "must be valid JSON" }]);
      });
    }
    const parsed = SubscribeSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join(".") || "body";
      if (html) return page(c, 400, "That did not work", `${field}: ${issue.message}`);
      throw AppError.invalid(
        parsed.error.issues.map((i) => ({ field: i.path.join(".") || "body", message: i.message })),
      );
    }
    try {
      await requestSubscription({
        ctx: serviceContext(c),
        email: parsed.data.email,
        components: parsed.data.components,
      });
    } catch (err) {
      if (html && err instanceof AppError && err.status === 400) return page(c, 400, "That did not work", err.message);
      throw err;
    }
    if (html) return page(c, 202, "Check your inbox", acceptedText);
    return c.json({ data: { message: acceptedText } }, 202);
  });

  const outcomeText: Record<Exclude<TokenOutcome, "done">, [404 | 410 | 200, string, string]> = {
    already: [200, "Already done", "Nothing to change: this was already done."],
    expired: [
      410,
      "This link has expired",
      "Links in our emails stop working after a while. Subscribe again from the status page to get a fresh one.",
    ],
    invalid: [404, "This link does not work", "Check that the whole link was copied from the email."],
  };

  app.get("/subscribe/confirm/:token", async (c) => {
    const outcome = await confirmSubscription(serviceContext(c), c.req.param("token"));
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
