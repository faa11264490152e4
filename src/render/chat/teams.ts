import { confirmationWords } from "./confirm-words.ts";
import { cutText, fitBytes, fitLines } from "./cut.ts";
import { teamsText } from "./escape.ts";
import { chatLimits } from "./limits.ts";
import type { ChatBody, ChatConfirmation, ChatUpdate } from "./types.ts";
import { automaticWords, componentWord, impactWord, statusWord, updateTone, utcTime } from "./words.ts";

const limits = chatLimits.teams;

/**
 * What a Workflows ("Post to a channel when a webhook request is received")
 * webhook takes: a message whose one attachment is the Adaptive Card.
 * Version 1.4 is what Teams renders everywhere, desktop and mobile.
 */
function message(body: unknown[], actions: unknown[]): ChatBody {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          msteams: { width: "Full" },
          body,
          actions,
        },
      },
    ],
  };
}

const text = (value: string, extra: Record<string, unknown> = {}) => ({
  type: "TextBlock",
  text: value,
  wrap: true,
  ...extra,
});

/**
 * An update as an Adaptive Card: a coloured band with the status (cards have
 * only named colours, so the tone of the status: good, warning, attention,
 * accent), the title, the update and promise, the components as facts, and a
 * button to the incident. The text shrinks until the POST fits Teams' 28 KB.
 */
export function teamsUpdate(u: ChatUpdate): ChatBody {
  const tone = updateTone(u.status, u.impact);
  const meta = [teamsText(u.pageName), utcTime(u.createdAt)];
  if (u.automatic) meta.push(automaticWords);
  const build = (budget: number) => {
    const body: unknown[] = [
      {
        type: "Container",
        style: tone === "default" ? "emphasis" : tone,
        bleed: true,
        items: [
          text(`${statusWord(u.status)} · ${impactWord(u.impact)}`, { weight: "Bolder", size: "Small" }),
          text(cutText(teamsText(u.incidentTitle), Math.min(budget, 500)), { size: "Large", weight: "Bolder" }),
          text(meta.join(" · "), { isSubtle: true, spacing: "None", size: "Small" }),
        ],
      },
    ];
    if (u.message) body.push(text(cutText(teamsText(u.message), budget)));
    if (u.promise) body.push(text(teamsText(u.promise), { weight: "Bolder" }));
    if (u.components.length) {
      const shown = fitLines(
        u.components.map((c) => `${c.name}\u0000${componentWord(c.status)}`),
        budget,
      ).split("\n");
      body.push(text("Affected components", { weight: "Bolder", spacing: "Medium" }));
      body.push({
        type: "FactSet",
        facts: shown.map((line) => {
          const [name, status] = line.split("\u0000");
          return { title: teamsText(name), value: status ?? "" };
        }),
      });
    }
    return message(body, [{ type: "Action.OpenUrl", title: "View incident", url: u.incidentUrl }]);
  };
  return fitBytes(build, 20_000, limits.bodyBytes);
}

/** The double opt-in card: what was asked, a Confirm button, and "ignore this". */
export function teamsConfirmation(c: ChatConfirmation): ChatBody {
  const w = confirmationWords(c);
  const build = (budget: number) =>
    message(
      [
        text(cutText(teamsText(w.title), budget), { size: "Large", weight: "Bolder" }),
        text(cutText(`${teamsText(w.asked)} ${teamsText(w.scope)}.`, budget)),
        text(teamsText(w.ignore), { isSubtle: true }),
      ],
      [
        { type: "Action.OpenUrl", title: w.button, url: c.confirmUrl, style: "positive" },
        { type: "Action.OpenUrl", title: `Open ${c.pageName}`, url: c.pageUrl },
      ],
    );
  return fitBytes(build, 10_000, limits.bodyBytes);
}
