import { confirmationWords } from "./confirm-words.ts";
import { cutText, fitBytes, fitLines, withPromise } from "./cut.ts";
import { chatHtml, googleChatText } from "./escape.ts";
import { chatLimits } from "./limits.ts";
import type { ChatBody, ChatConfirmation, ChatUpdate } from "./types.ts";
import {
  automaticWords,
  componentColor,
  componentWord,
  impactWord,
  statusWord,
  updateColor,
  utcTime,
} from "./words.ts";

const limits = chatLimits.googleChat;

/** Chat's HTML subset breaks lines with <br>, not newlines. */
const br = (html: string) => html.replace(/\n/g, "<br>");
const paragraph = (html: string) => ({ textParagraph: { text: br(html) } });
const button = (label: string, url: string) => ({ text: label, onClick: { openLink: { url } } });

/**
 * An update as a Google Chat webhook message: a card (cardsV2) whose status
 * line is in the status's colour (Chat has no colour bar; <font color> is in
 * its HTML subset), and a short `text` that notifications and old clients show.
 * The text shrinks until the message fits Chat's 32,000 bytes.
 */
export function googleChatUpdate(u: ChatUpdate): ChatBody {
  const status = statusWord(u.status);
  const subtitle = [u.pageName, utcTime(u.createdAt)];
  if (u.automatic) subtitle.push(automaticWords);
  const build = (budget: number) => {
    const widgets: unknown[] = [
      {
        decoratedText: {
          topLabel: "Status",
          text: `<font color="${updateColor(u.status, u.impact)}"><b>${status}</b></font> · ${impactWord(u.impact)}`,
        },
      },
    ];
    if (u.message) widgets.push(paragraph(cutText(chatHtml(u.message), budget)));
    if (u.promise) widgets.push(paragraph(`<b>${withPromise("", chatHtml(u.promise), limits.text - 7)}</b>`));
    if (u.components.length) {
      const lines = u.components.map(
        (c) => `${chatHtml(c.name)}: <font color="${componentColor(c.status)}">${componentWord(c.status)}</font>`,
      );
      widgets.push({
        decoratedText: { topLabel: "Affected components", text: br(fitLines(lines, budget)), wrapText: true },
      });
    }
    widgets.push({ buttonList: { buttons: [button("View incident", u.incidentUrl)] } });
    return {
      text: cutText(googleChatText(`${u.pageName}: ${u.incidentTitle}: ${status}`), 500),
      cardsV2: [
        {
          cardId: "candor-update",
          card: {
            header: { title: cutText(u.incidentTitle, 200), subtitle: subtitle.join(" · ") },
            sections: [{ widgets }],
          },
        },
      ],
    };
  };
  return fitBytes(build, limits.text, limits.bodyBytes);
}

/** The double opt-in card: what was asked, a Confirm button, and "ignore this". */
export function googleChatConfirmation(c: ChatConfirmation): ChatBody {
  const w = confirmationWords(c);
  const build = (budget: number) => ({
    text: cutText(googleChatText(`${w.title}: ${c.confirmUrl}`), limits.text),
    cardsV2: [
      {
        cardId: "candor-confirm",
        card: {
          header: { title: cutText(w.title, 200), subtitle: cutText(c.pageUrl, 200) },
          sections: [
            {
              widgets: [
                paragraph(cutText(`${chatHtml(w.asked)} ${chatHtml(w.scope)}.`, budget)),
                { buttonList: { buttons: [button(w.button, c.confirmUrl)] } },
                paragraph(`<i>${chatHtml(w.ignore)}</i>`),
              ],
            },
          ],
        },
      },
    ],
  });
  return fitBytes(build, limits.text, limits.bodyBytes);
}
