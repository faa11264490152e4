import { AppError } from "../../errors.ts";
import { targetProblem } from "../../lib/webhook-target.ts";
import type { ServiceContext } from "../context.ts";
import { webhookUrl } from "./rules.ts";

/**
 * The URL to store for a new webhook, or a 400 naming `field`: webhookUrl's
 * rules, then, for a host name, what it resolves to now (ctx.resolveHost;
 * none on Workers). A name that does not resolve yet is accepted: the channel
 * checks again at each delivery, since DNS can change.
 *
 * @example await checkWebhookUrl(ctx, "https://hooks.example.com/status")
 */
export async function checkWebhookUrl(ctx: ServiceContext, url: string, field = "url"): Promise<string> {
  const allowPrivate = ctx.config.webhookAllowPrivate;
  const href = webhookUrl(url, field, allowPrivate);
  const refused = await targetProblem(new URL(href), { allowPrivate, resolve: ctx.resolveHost });
  if (refused) throw AppError.invalid([{ field, message: refused.message }]);
  return href;
}
