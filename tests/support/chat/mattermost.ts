// A Mattermost incoming webhook: https://developers.mattermost.com/integrate/webhooks/incoming/
// 200 "ok", or 400 with Mattermost's AppError JSON. Mattermost splits a post
// over its 16,383 runes into several; this receiver refuses it instead, as a
// split update reads badly and Candor never means to send one.
import { chatLimits } from "../../../src/render/chat/index.ts";
import { isObject, isString, isUrl, json, type Platform, parseObject, text, within } from "./platform.ts";

const limits = chatLimits.mattermost;

const appError = (id: string, message: string, status = 400) =>
  json(status, { id, message, detailed_error: "", request_id: "candortestrequest", status_code: status });

const colors = /^(#[0-9a-f]{3}|#[0-9a-f]{6}|good|warning|danger)$/i;

function attachmentProblem(a: unknown): string | null {
  if (!isObject(a)) return "attachment";
  if (a.color !== undefined && !(isString(a.color) && colors.test(a.color))) return "color";
  if (a.title_link !== undefined && !isUrl(a.title_link)) return "title_link";
  if (a.text !== undefined && !within(a.text, limits.attachmentText)) return "text";
  for (const key of ["fallback", "pretext", "title", "footer", "author_name"]) {
    if (a[key] !== undefined && !isString(a[key])) return key;
  }
  if (a.fields !== undefined) {
    if (!Array.isArray(a.fields)) return "fields";
    for (const f of a.fields) if (!isObject(f) || !isString(f.title) || !isString(f.value)) return "fields";
  }
  return null;
}

export const mattermost: Platform = {
  receive(raw) {
    const body = parseObject(raw);
    if (!body)
      return {
        accepted: false,
        reply: appError("web.incoming_webhook.parse.app_error", "Unable to parse incoming data."),
      };
    const attachments = body.attachments;
    const hasText = isString(body.text) && body.text !== "";
    if (!hasText && !(Array.isArray(attachments) && attachments.length)) {
      return { accepted: false, reply: appError("web.incoming_webhook.text.app_error", "No text specified.") };
    }
    if (body.text !== undefined && !(isString(body.text) && [...body.text].length <= limits.text)) {
      return {
        accepted: false,
        reply: appError("web.incoming_webhook.text.length.app_error", `Text over ${limits.text} characters.`),
      };
    }
    if (attachments !== undefined) {
      if (!Array.isArray(attachments))
        return {
          accepted: false,
          reply: appError("web.incoming_webhook.parse.app_error", "Unable to parse incoming data."),
        };
      for (const a of attachments) {
        const p = attachmentProblem(a);
        if (p)
          return {
            accepted: false,
            reply: appError("web.incoming_webhook.attachment.app_error", `Invalid attachment ${p}.`),
          };
      }
    }
    return { accepted: true, reply: text(200, "ok") };
  },
  fail(mode, retryAfter) {
    if (mode === "gone" || mode === "archived")
      return appError("web.incoming_webhook.invalid.app_error", "Invalid webhook.");
    if (mode === "rate_limited") {
      return text(429, "limit exceeded\n", {
        "x-ratelimit-limit": "10",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(retryAfter),
      });
    }
    return appError("api.context.server_error", "An internal error occurred.", 500);
  },
};
