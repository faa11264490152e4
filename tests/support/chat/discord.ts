// Discord's webhooks: https://discord.com/developers/docs/resources/webhook#execute-webhook
// 204 (or 200 and the message with ?wait=true); refusals are JSON with
// discord-api-types' error codes, field errors nested as Discord nests them.
import { RESTJSONErrorCodes } from "discord-api-types/v10";
import { chatLimits } from "../../../src/render/chat/index.ts";
import { isObject, isString, isUrl, json, type Platform, parseObject } from "./platform.ts";

const limits = chatLimits.discord;

type FieldError = { path: (string | number)[]; code: string; message: string };

const tooLong = (path: (string | number)[], max: number): FieldError => ({
  path,
  code: "BASE_TYPE_MAX_LENGTH",
  message: `Must be ${max} or fewer in length.`,
});

function checkText(errors: FieldError[], path: (string | number)[], value: unknown, max: number, required = false) {
  if (value === undefined && !required) return;
  // Strict: an empty description is refused here, so the renderer never relies on Discord taking one.
  if (value === "" && path.at(-1) === "description") {
    errors.push({ path, code: "BASE_TYPE_REQUIRED", message: "This field is required" });
    return;
  }
  if (!isString(value) || (required && value.length === 0)) {
    errors.push({ path, code: "BASE_TYPE_REQUIRED", message: "This field is required" });
  } else if (value.length > max) errors.push(tooLong(path, max));
}

function embedErrors(embed: unknown, i: number): FieldError[] {
  const errors: FieldError[] = [];
  const at = (...p: (string | number)[]) => ["embeds", i, ...p];
  if (!isObject(embed))
    return [{ path: at(), code: "MODEL_TYPE_CONVERT", message: "Only dictionaries may be used in a ModelType" }];
  checkText(errors, at("title"), embed.title, limits.embedTitle);
  checkText(errors, at("description"), embed.description, limits.embedDescription);
  if (embed.url !== undefined && !isUrl(embed.url))
    errors.push({ path: at("url"), code: "URL_TYPE_INVALID_URL", message: "Not a well formed URL." });
  const color = embed.color;
  if (color !== undefined && !(Number.isInteger(color) && (color as number) >= 0 && (color as number) <= 0xffffff)) {
    errors.push({
      path: at("color"),
      code: "NUMBER_TYPE_MAX",
      message: "int value should be less than or equal to 16777215.",
    });
  }
  if (embed.timestamp !== undefined && Number.isNaN(Date.parse(String(embed.timestamp)))) {
    errors.push({ path: at("timestamp"), code: "DATE_TYPE_PARSE", message: "Could not parse timestamp." });
  }
  const fields = embed.fields === undefined ? [] : embed.fields;
  if (!Array.isArray(fields) || fields.length > limits.fields) {
    errors.push({
      path: at("fields"),
      code: "BASE_TYPE_MAX_LENGTH",
      message: `Must be ${limits.fields} or fewer in length.`,
    });
  } else {
    fields.forEach((f, j) => {
      checkText(errors, at("fields", j, "name"), isObject(f) ? f.name : undefined, limits.fieldName, true);
      checkText(errors, at("fields", j, "value"), isObject(f) ? f.value : undefined, limits.fieldValue, true);
    });
  }
  const footer = isObject(embed.footer) ? embed.footer.text : undefined;
  checkText(errors, at("footer", "text"), footer, limits.footerText, embed.footer !== undefined);
  const author = isObject(embed.author) ? embed.author.name : undefined;
  checkText(errors, at("author", "name"), author, limits.authorName, embed.author !== undefined);
  if (errors.length) return errors;
  const total = [
    embed.title,
    embed.description,
    footer,
    author,
    ...(fields as Record<string, unknown>[]).flatMap((f) => [f.name, f.value]),
  ]
    .map((s) => (isString(s) ? s.length : 0))
    .reduce((a, b) => a + b, 0);
  if (total > limits.embedTotal) {
    errors.push({
      path: at(),
      code: "MAX_EMBED_SIZE_EXCEEDED",
      message: `Embed size exceeds maximum size of ${limits.embedTotal}`,
    });
  }
  return errors;
}

/** Discord's nesting: {embeds: {0: {description: {_errors: [...]}}}}. */
function nest(errors: FieldError[]) {
  const root: Record<string, unknown> = {};
  for (const e of errors) {
    let node = root;
    for (const key of e.path) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node._errors ??= [];
    (node._errors as unknown[]).push({ code: e.code, message: e.message });
  }
  return root;
}

export const discord: Platform = {
  receive(raw, query) {
    const body = parseObject(raw);
    if (!body) {
      return {
        accepted: false,
        reply: json(400, {
          message: "The request body contains invalid JSON.",
          code: RESTJSONErrorCodes.RequestBodyContainsInvalidJSON,
        }),
      };
    }
    const embeds = body.embeds === undefined ? [] : body.embeds;
    if (!isString(body.content) && (!Array.isArray(embeds) || embeds.length === 0)) {
      return {
        accepted: false,
        reply: json(400, {
          message: "Cannot send an empty message",
          code: RESTJSONErrorCodes.CannotSendAnEmptyMessage,
        }),
      };
    }
    const errors: FieldError[] = [];
    checkText(errors, ["content"], body.content, limits.content);
    if (!Array.isArray(embeds) || embeds.length > limits.embeds) errors.push(tooLong(["embeds"], limits.embeds));
    else for (const [i, e] of embeds.entries()) errors.push(...embedErrors(e, i));
    const mentions = body.allowed_mentions;
    if (
      mentions !== undefined &&
      !(
        isObject(mentions) &&
        Array.isArray(mentions.parse) &&
        mentions.parse.every((p) => ["roles", "users", "everyone"].includes(p))
      )
    ) {
      errors.push({ path: ["allowed_mentions"], code: "MODEL_TYPE_CONVERT", message: "Invalid allowed_mentions" });
    }
    if (errors.length) {
      const reply = {
        message: "Invalid Form Body",
        code: RESTJSONErrorCodes.InvalidFormBodyOrContentType,
        errors: nest(errors),
      };
      return { accepted: false, reply: json(400, reply) };
    }
    if (query.get("wait") !== "true") return { accepted: true, reply: { status: 204, body: "" } };
    const message = {
      id: "1180000000000000000",
      type: 0,
      channel_id: "1170000000000000000",
      webhook_id: "1160000000000000000",
      content: body.content ?? "",
      embeds,
      timestamp: "2026-12-03T14:05:00.000000+00:00",
    };
    return { accepted: true, reply: json(200, message) };
  },
  fail(mode, retryAfter) {
    if (mode === "gone" || mode === "archived") {
      return json(404, { message: "Unknown Webhook", code: RESTJSONErrorCodes.UnknownWebhook });
    }
    if (mode === "rate_limited") {
      // https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit
      return json(
        429,
        { message: "You are being rate limited.", retry_after: retryAfter, global: false },
        {
          "retry-after": String(Math.ceil(retryAfter)),
          "x-ratelimit-limit": "5",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset-after": String(retryAfter),
          "x-ratelimit-bucket": "candor-test-bucket",
          "x-ratelimit-scope": "shared",
        },
      );
    }
    return json(500, { message: "500: Internal Server Error", code: 0 });
  },
};
