// A Google Chat incoming webhook: https://developers.google.com/workspace/chat/quickstart/webhooks
// It answers 200 with the created Message, or a Google API error. Fields are
// checked against the Message and CardWithId resources of the Chat REST
// reference: unknown names are refused as Google's JSON parser refuses them.
import { chatLimits } from "../../../src/render/chat/index.ts";
import { bytes, isObject, isString, isUrl, json, type Platform, parseObject, within } from "./platform.ts";

const limits = chatLimits.googleChat;
const messageFields = new Set([
  "text",
  "cardsV2",
  "thread",
  "fallbackText",
  "accessoryWidgets",
  "privateMessageViewer",
]);
const widgetKinds = new Set([
  "textParagraph",
  "decoratedText",
  "buttonList",
  "divider",
  "image",
  "columns",
  "grid",
  "chipList",
]);

const invalid = (message: string) => json(400, { error: { code: 400, message, status: "INVALID_ARGUMENT" } });

function buttonProblem(b: unknown): string | null {
  if (!isObject(b) || !isString(b.text)) return "button.text";
  const link = isObject(b.onClick) && isObject(b.onClick.openLink) ? b.onClick.openLink.url : undefined;
  return isUrl(link) ? null : "button.onClick.openLink.url";
}

function widgetProblem(w: unknown): string | null {
  if (!isObject(w)) return "widget";
  const kinds = Object.keys(w).filter((k) => widgetKinds.has(k));
  if (kinds.length !== 1 || Object.keys(w).length !== 1)
    return `widget must have exactly one of ${[...widgetKinds].join(", ")}`;
  const [kind] = kinds;
  const body = w[kind];
  if (!isObject(body)) return kind;
  if (kind === "textParagraph" && !isString(body.text)) return "textParagraph.text";
  if (kind === "decoratedText" && !isString(body.text)) return "decoratedText.text";
  if (kind === "buttonList") {
    if (!Array.isArray(body.buttons) || body.buttons.length === 0) return "buttonList.buttons";
    for (const b of body.buttons) {
      const p = buttonProblem(b);
      if (p) return p;
    }
  }
  return null;
}

function cardProblem(c: unknown): string | null {
  if (!isObject(c) || !isString(c.cardId) || !isObject(c.card)) return "cardsV2[].cardId and card are required";
  const card = c.card;
  if (card.header !== undefined && !(isObject(card.header) && isString(card.header.title))) return "card.header.title";
  if (!Array.isArray(card.sections) || card.sections.length === 0) return "card.sections";
  for (const s of card.sections) {
    if (!isObject(s) || !Array.isArray(s.widgets) || s.widgets.length === 0) return "card.sections[].widgets";
    for (const w of s.widgets) {
      const p = widgetProblem(w);
      if (p) return p;
    }
  }
  return null;
}

let created = 0;

export const googleChat: Platform = {
  receive(raw) {
    if (bytes(raw) > limits.bodyBytes)
      return { accepted: false, reply: invalid(`Message too large: over ${limits.bodyBytes} bytes.`) };
    const body = parseObject(raw);
    if (!body) return { accepted: false, reply: invalid("Invalid JSON payload received.") };
    for (const key of Object.keys(body)) {
      if (!messageFields.has(key))
        return {
          accepted: false,
          reply: invalid(`Invalid JSON payload received. Unknown name "${key}" at 'message': Cannot find field.`),
        };
    }
    if (body.text === undefined && body.cardsV2 === undefined)
      return { accepted: false, reply: invalid("Message cannot be empty. Discarding an empty message.") };
    if (body.text !== undefined && !within(body.text, limits.text))
      return { accepted: false, reply: invalid(`Text exceeds ${limits.text} characters.`) };
    if (body.cardsV2 !== undefined) {
      if (!Array.isArray(body.cardsV2)) return { accepted: false, reply: invalid("cardsV2 must be a list.") };
      for (const c of body.cardsV2) {
        const p = cardProblem(c);
        if (p) return { accepted: false, reply: invalid(`Invalid card: ${p}`) };
      }
    }
    created++;
    const message = {
      name: `spaces/AAAAtest/messages/test.${created}`,
      sender: { name: "users/114022495153014004089", displayName: "Candor", type: "BOT" },
      createTime: "2026-12-03T14:05:00.000000Z",
      text: body.text ?? "",
      cardsV2: body.cardsV2,
      thread: { name: `spaces/AAAAtest/threads/thread${created}` },
      space: { name: "spaces/AAAAtest", type: "ROOM" },
    };
    return { accepted: true, reply: json(200, message) };
  },
  fail(mode, retryAfter) {
    if (mode === "gone" || mode === "archived")
      return json(404, { error: { code: 404, message: "Requested entity was not found.", status: "NOT_FOUND" } });
    if (mode === "rate_limited") {
      return json(
        429,
        {
          error: {
            code: 429,
            message: "Resource has been exhausted (e.g. check quota).",
            status: "RESOURCE_EXHAUSTED",
          },
        },
        { "retry-after": String(retryAfter) },
      );
    }
    return json(503, { error: { code: 503, message: "The service is currently unavailable.", status: "UNAVAILABLE" } });
  },
};
