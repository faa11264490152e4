import type { PostOutcome } from "./webhook-post.ts";

/** Bytes of a failed answer read to find a platform's "gone" code: the codes are short, and nothing more is wanted. */
export const chatAnswerBytes = 1024;

/**
 * True when a platform's answer means the channel or its webhook is gone for
 * good, so the subscriber is unsubscribed at once rather than quarantined
 * after ten failures. 410 from any of them. Otherwise only each platform's
 * own words, never a bare 404 (a proxy in the way can say that):
 * - Slack: 404 `no_service` (the webhook was removed), 410 `channel_is_archived`, in a plain-text body;
 * - Discord: 404 with JSON code 10015, Unknown Webhook;
 * - Teams Workflows: 404 with error code WorkflowNotFound (the flow was deleted);
 * - Google Chat: 404 with error status NOT_FOUND (the space or webhook is gone);
 * - Mattermost: 400 with id web.incoming_webhook.invalid.app_error (no such hook).
 *
 * @example chatGone("slack", { ok: false, status: 404, answer: "no_service", ... }) // true
 */
export function chatGone(kind: string, outcome: Extract<PostOutcome, { ok: false }>): boolean {
  const { status } = outcome;
  if (status === 410) return true;
  const answer = outcome.answer ?? "";
  if (kind === "slack") return status === 404 && answer.trim() === "no_service";
  const body = jsonOf(answer);
  const error = body?.error as { code?: unknown; status?: unknown } | undefined;
  if (kind === "discord") return status === 404 && body?.code === 10015;
  if (kind === "teams") return status === 404 && error?.code === "WorkflowNotFound";
  if (kind === "google_chat") return status === 404 && error?.status === "NOT_FOUND";
  if (kind === "mattermost") return status === 400 && body?.id === "web.incoming_webhook.invalid.app_error";
  return false;
}

/** A JSON object answer, or null (not JSON, or cut off at chatAnswerBytes). */
function jsonOf(answer: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(answer);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
