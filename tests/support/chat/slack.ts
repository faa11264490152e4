// Slack's incoming webhook: https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks
// It answers 200 "ok", or 400 with one word. Blocks are checked against the
// Block Kit reference (and @slack/types' shapes) for the kinds Candor sends.
import type { KnownBlock } from "@slack/types";
import { chatLimits } from "../../../src/render/chat/index.ts";
import { isObject, isString, isUrl, type Platform, parseObject, text, within } from "./platform.ts";

const limits = chatLimits.slack;

type Problem = string | null;

function textObject(t: unknown, max: number, plainOnly = false): Problem {
  if (!isObject(t)) return "text object missing";
  if (t.type !== "plain_text" && (plainOnly || t.type !== "mrkdwn")) return `text type ${String(t.type)}`;
  if (!isString(t.text) || t.text.length === 0) return "empty text";
  if (!within(t.text, max)) return `text over ${max}`;
  return null;
}

const blockChecks: Record<KnownBlock["type"] | string, (b: Record<string, unknown>) => Problem> = {
  header: (b) => textObject(b.text, limits.headerText, true),
  section: (b) => {
    if (b.text === undefined && b.fields === undefined) return "section needs text or fields";
    if (b.text !== undefined) {
      const p = textObject(b.text, limits.sectionText);
      if (p) return p;
    }
    if (b.fields !== undefined) {
      if (!Array.isArray(b.fields) || b.fields.length > limits.sectionFields) return "too many fields";
      for (const f of b.fields) {
        const p = textObject(f, limits.sectionField);
        if (p) return p;
      }
    }
    return null;
  },
  context: (b) => {
    if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) return "context elements";
    for (const e of b.elements) {
      const p = textObject(e, limits.sectionText);
      if (p) return p;
    }
    return null;
  },
  actions: (b) => {
    if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) return "actions elements";
    for (const e of b.elements) {
      if (!isObject(e) || e.type !== "button") return "unsupported element";
      const p = textObject(e.text, 75, true);
      if (p) return p;
      if (e.url !== undefined && !(isUrl(e.url) && within(e.url, 3000))) return "button url";
      if (e.style !== undefined && e.style !== "primary" && e.style !== "danger") return "button style";
    }
    return null;
  },
  divider: () => null,
};

/** Why the blocks are invalid, or null when Slack would take them. */
export function slackBlocksProblem(blocks: unknown): Problem {
  if (!Array.isArray(blocks)) return "blocks not an array";
  if (blocks.length > limits.blocks) return "too many blocks";
  for (const b of blocks) {
    if (!isObject(b) || !isString(b.type)) return "block without type";
    const check = blockChecks[b.type];
    if (!check) return `unknown block ${b.type}`;
    if (b.block_id !== undefined && !within(b.block_id, 255)) return "block_id";
    const p = check(b);
    if (p) return p;
  }
  return null;
}

export const slack: Platform = {
  receive(raw) {
    const body = parseObject(raw);
    if (!body) return { accepted: false, reply: text(400, "invalid_payload") };
    const hasText = isString(body.text) && body.text.trim() !== "";
    const attachments = body.attachments;
    if (!hasText && body.blocks === undefined && attachments === undefined) {
      return { accepted: false, reply: text(400, "no_text") };
    }
    if (body.text !== undefined && !within(body.text, 40_000))
      return { accepted: false, reply: text(400, "msg_too_long") };
    if (body.blocks !== undefined && slackBlocksProblem(body.blocks)) {
      return { accepted: false, reply: text(400, "invalid_blocks") };
    }
    if (attachments !== undefined) {
      if (!Array.isArray(attachments) || attachments.length > 100)
        return { accepted: false, reply: text(400, "invalid_attachments") };
      for (const a of attachments) {
        if (!isObject(a) || (a.color !== undefined && !isString(a.color))) {
          return { accepted: false, reply: text(400, "invalid_attachments") };
        }
        if (a.blocks !== undefined && slackBlocksProblem(a.blocks))
          return { accepted: false, reply: text(400, "invalid_blocks") };
      }
    }
    return { accepted: true, reply: text(200, "ok") };
  },
  fail(mode, retryAfter) {
    if (mode === "gone") return text(404, "no_service");
    if (mode === "archived") return text(410, "channel_is_archived");
    if (mode === "rate_limited") return text(429, "rate_limited", { "retry-after": String(retryAfter) });
    return text(500, "internal_error");
  },
};
