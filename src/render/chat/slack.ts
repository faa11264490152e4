import { confirmationWords } from "./confirm-words.ts";
import { cutText, fitLines } from "./cut.ts";
import { slackText } from "./escape.ts";
import { chatLimits } from "./limits.ts";
import type { ChatConfirmation, ChatUpdate } from "./types.ts";
import { automaticWords, componentWord, impactWord, statusWord, updateColor, utcTime } from "./words.ts";

const limits = chatLimits.slack;

/** A Slack link: the URL's own <, > and | percent-encoded, the label escaped. */
export function slackLink(url: string, label: string): string {
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${slackText(label)}>`;
}

const mrkdwn = (text: string) => ({ type: "mrkdwn" as const, text: cutText(text, limits.sectionText) });
const section = (text: string) => ({ type: "section" as const, text: mrkdwn(text) });

/**
 * An update as a Slack incoming-webhook message: the title as a header, the
 * rest in an attachment whose bar has the status's colour (Block Kit has no
 * colour of its own), and a short `text` for notifications.
 *
 * @example chatUpdateBody("slack", update).blocks[0] // { type: "header", ... }
 */
export function slackUpdate(u: ChatUpdate) {
  const status = statusWord(u.status);
  const context = [`*${slackText(u.pageName)}*`, slackLink(u.incidentUrl, "View incident"), utcTime(u.createdAt)];
  if (u.automatic) context.push(`_${automaticWords}_`);
  const details = [section(`*${status}* · ${impactWord(u.impact)}`)];
  if (u.message) details.push(section(slackText(u.message)));
  if (u.promise) details.push(section(`*${cutText(slackText(u.promise), limits.sectionText - 2)}*`));
  if (u.components.length) {
    const lines = u.components.map((c) => `• ${slackText(c.name)}: ${componentWord(c.status)}`);
    details.push(section(`*Affected components*\n${fitLines(lines, limits.sectionText - 22)}`));
  }
  return {
    text: cutText(slackText(`${u.pageName}: ${u.incidentTitle}: ${status}`), limits.fallbackText),
    blocks: [
      {
        type: "header" as const,
        text: { type: "plain_text" as const, text: cutText(u.incidentTitle, limits.headerText), emoji: false },
      },
      { type: "context" as const, elements: [{ type: "mrkdwn" as const, text: context.join(" · ") }] },
    ],
    attachments: [{ color: updateColor(u.status, u.impact), blocks: details }],
  };
}

/** The double opt-in message: what was asked, a Confirm button, and "ignore this". */
export function slackConfirmation(c: ChatConfirmation) {
  const w = confirmationWords(c);
  return {
    text: cutText(`${slackText(w.title)}: ${slackLink(c.confirmUrl, w.button)}`, limits.fallbackText),
    blocks: [
      {
        type: "header" as const,
        text: { type: "plain_text" as const, text: cutText(w.title, limits.headerText), emoji: false },
      },
      section(`${slackText(w.asked)}\n${slackText(w.scope)} on ${slackLink(c.pageUrl, c.pageName)}`),
      {
        type: "actions" as const,
        elements: [
          {
            type: "button" as const,
            text: { type: "plain_text" as const, text: w.button },
            url: c.confirmUrl,
            style: "primary" as const,
          },
        ],
      },
      { type: "context" as const, elements: [{ type: "mrkdwn" as const, text: slackText(w.ignore) }] },
    ],
  };
}
