import type { PostOutcome } from "./webhook-post.ts";

/** Bytes of a failed answer read to find a platform's "gone" code: the codes are short, and nothing more is wanted. */
export const chatAnswerBytes = 1024;

/**
 * True when a platform's answer means the channel or webhook is gone for good,
 * so the subscriber is unsubscribed at once rather than quarantined after ten
 * failures: 410 from any of them; Slack's 404 `no_service` (a removed
 * webhook) and 410 `channel_is_archived`, in a plain-text body; Discord's 404
 * with JSON code 10015, Unknown Webhook.
 *
 * @example chatGone("slack", { ok: false, status: 404, answer: "no_service", ... }) // true
 */
export function chatGone(kind: string, outcome: Extract<PostOutcome, { ok: false }>): boolean {
  if (outcome.status === 410) return true;
  if (outcome.status !== 404) return false;
  const answer = outcome.answer ?? "";
  if (kind === "slack") return answer.trim() === "no_service";
  if (kind === "discord") return discordCode(answer) === 10015;
  return false;
}

/** Discord's error code from its JSON answer, or null. */
function discordCode(answer: string): number | null {
  try {
    const parsed = JSON.parse(answer) as { code?: unknown };
    return typeof parsed?.code === "number" ? parsed.code : null;
  } catch {
    return null;
  }
}
