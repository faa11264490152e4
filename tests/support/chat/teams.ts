// A Teams Workflows webhook ("Post to a channel when a webhook request is
// received"): it answers 202 and posts the message's Adaptive Card attachments.
// Real Workflows accept first and fail the run later; this receiver refuses at
// once (400, the trigger's schema-mismatch shape) so tests see the fault.
// Cards are parsed with adaptivecards, the renderer Microsoft ships, and its
// parse and validation events count as faults.
import { createRequire } from "node:module";
import type * as AdaptiveCards from "adaptivecards";
import { chatLimits } from "../../../src/render/chat/index.ts";
import { bytes, isObject, isString, isUrl, json, type Platform, parseObject } from "./platform.ts";

const require = createRequire(import.meta.url);
// The package's ES build imports without file extensions, which Node refuses; its UMD build loads anywhere.
const AC: typeof AdaptiveCards = require("adaptivecards/dist/adaptivecards.min.js");

const cardType = "application/vnd.microsoft.card.adaptive";
const textElements = new Set(["TextBlock", "RichTextBlock"]);

const mismatch = (detail: string) =>
  json(400, {
    error: {
      code: "TriggerInputSchemaMismatch",
      message: `The input body for trigger 'manual' of type 'Request' did not match its schema definition. Error details: '${detail}'.`,
    },
  });

/** Faults the parser does not report: missing texts, facts and URLs, walked by hand. */
function structureProblems(node: unknown, path: string, out: string[]) {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) structureProblems(n, `${path}[${i}]`, out);
    return;
  }
  if (!isObject(node)) return;
  if (textElements.has(String(node.type)) && node.type === "TextBlock" && !isString(node.text))
    out.push(`${path}.text is required`);
  if (
    node.type === "FactSet" &&
    !(Array.isArray(node.facts) && node.facts.every((f) => isObject(f) && isString(f.title) && isString(f.value)))
  ) {
    out.push(`${path}.facts must be a list of title and value`);
  }
  if (node.type === "Action.OpenUrl" && !isUrl(node.url)) out.push(`${path}.url must be a URL`);
  for (const [key, value] of Object.entries(node)) structureProblems(value, `${path}.${key}`, out);
}

/** Every fault in an Adaptive Card: the library's parse and validation events, and the hand-walked structure. */
export function adaptiveCardProblems(content: unknown): string[] {
  if (!isObject(content) || content.type !== "AdaptiveCard") return ["content.type must be AdaptiveCard"];
  if (!isString(content.version)) return ["content.version is required"];
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(content, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of card.validateProperties().validationEvents) problems.push(e.message);
  structureProblems(content.body, "body", problems);
  structureProblems(content.actions, "actions", problems);
  return problems;
}

export const teams: Platform = {
  receive(raw) {
    if (bytes(raw) > chatLimits.teams.bodyBytes) {
      return {
        accepted: false,
        reply: json(413, { error: { code: "MessageSizeTooBig", message: "The message exceeds Teams' 28 KB limit." } }),
      };
    }
    const body = parseObject(raw);
    if (!body)
      return {
        accepted: false,
        reply: json(400, {
          error: { code: "InvalidRequestContent", message: "The request content is not valid JSON." },
        }),
      };
    if (!Array.isArray(body.attachments) || body.attachments.length === 0)
      return { accepted: false, reply: mismatch("Required property 'attachments' not found") };
    for (const [i, a] of body.attachments.entries()) {
      if (!isObject(a) || a.contentType !== cardType)
        return { accepted: false, reply: mismatch(`attachments[${i}].contentType must be ${cardType}`) };
      const problems = adaptiveCardProblems(a.content);
      if (problems.length)
        return { accepted: false, reply: mismatch(`attachments[${i}].content: ${problems.join("; ")}`) };
    }
    return { accepted: true, reply: { status: 202, body: "" } };
  },
  fail(mode, retryAfter) {
    if (mode === "gone" || mode === "archived") {
      return json(404, { error: { code: "WorkflowNotFound", message: "The workflow could not be found." } });
    }
    if (mode === "rate_limited") {
      return json(
        429,
        { error: { code: "WorkflowTriggerIsThrottled", message: "Rate limit is exceeded." } },
        { "retry-after": String(retryAfter) },
      );
    }
    return json(502, {
      error: { code: "BadGateway", message: "The server did not receive a response from an upstream server." },
    });
  },
};
