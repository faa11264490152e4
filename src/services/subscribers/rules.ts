import { z } from "zod";
import { AppError } from "../../errors.ts";
import { literalTargetProblem } from "../../lib/webhook-target.ts";

/** How long a confirmation link works. */
export const confirmTokenTtlMs = 48 * 3_600_000;
/** How long an unsubscribe link in an email works: long, since old emails get opened. */
export const unsubscribeTokenTtlMs = 365 * 24 * 3_600_000;
/** At most one confirmation email per address in this window, however often the form is sent. */
export const confirmResendMs = 10 * 60_000;
/** Hard failures (SMTP 5xx) after which an address is suppressed. */
export const emailHardFailureLimit = 3;
/** Failures within webhookFailureWindowMs after which a webhook is quarantined, as Statuspage does. */
export const webhookFailureLimit = 10;
export const webhookFailureWindowMs = 3_600_000;

export const maxEmailLength = 254;
export const maxWebhookUrlLength = 2000;
/** Rows read or written per statement by import and export, so memory stays flat. */
export const batchSize = 1000;
/** At most this many problems are listed in one 400 for a CSV import. */
export const maxImportProblems = 20;

const emailFormat = z.email();
/** What an id or a component slug can look like; anything else (a NUL, say) never reaches the database. */
export const idPattern = /^[\w-]{1,64}$/;
export const slugPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** One spelling per address, so the same person is one row whatever case they typed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Why `address` (already normalized) is not an email address we accept, or null. */
export function emailProblem(address: string): string | null {
  if (!address) return "is required";
  if (address.length > maxEmailLength) return `must be at most ${maxEmailLength} characters`;
  return emailFormat.safeParse(address).success ? null : "must be an email address";
}

/**
 * The URL to store for a webhook, or a 400 naming `field`: http or https
 * only, at most 2000 characters, no credentials, and (unless `allowPrivate`)
 * no private address written as the host. What a host name resolves to is
 * checked by checkWebhookUrl.
 */
export function webhookUrl(url: string, field = "url", allowPrivate = false): string {
  const problem = (message: string) => AppError.invalid([{ field, message }]);
  if (url.length > maxWebhookUrlLength) throw problem(`must be at most ${maxWebhookUrlLength} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw problem("must be an absolute http or https URL");
  }
  const refused = literalTargetProblem(parsed, { allowPrivate });
  if (refused) throw problem(refused.message);
  if (parsed.href.length > maxWebhookUrlLength) throw problem(`must be at most ${maxWebhookUrlLength} characters`);
  return parsed.href;
}
