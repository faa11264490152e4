import { confirmationWords } from "./confirm-words.ts";
import { cutText, fitLines, withPromise } from "./cut.ts";
import { mattermostPlain, mattermostText } from "./escape.ts";
import { chatLimits } from "./limits.ts";
import type { ChatBody, ChatConfirmation, ChatUpdate } from "./types.ts";
import { automaticWords, componentWord, impactWord, statusWord, updateColor, utcTime } from "./words.ts";

const limits = chatLimits.mattermost;

/** A Markdown link whose label is escaped and whose URL cannot close it early. */
function link(url: string, label: string): string {
  return `[${mattermostText(label)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}

/**
 * An update as a Mattermost incoming-webhook message: Slack's older
 * attachment shape, which Mattermost renders (it ignores Block Kit), with
 * the status's colour on the attachment's bar.
 */
export function mattermostUpdate(u: ChatUpdate): ChatBody {
  const status = statusWord(u.status);
  const fields: { title: string; value: string; short: boolean }[] = [
    { title: "Status", value: status, short: true },
    { title: "Impact", value: impactWord(u.impact), short: true },
  ];
  if (u.components.length) {
    const lines = u.components.map((c) => `- ${mattermostText(c.name)}: ${componentWord(c.status)}`);
    fields.push({ title: "Affected components", value: fitLines(lines, 2000), short: false });
  }
  const footer = [mattermostText(u.pageName), utcTime(u.createdAt)];
  if (u.automatic) footer.push(automaticWords);
  const text = withPromise(
    mattermostText(u.message),
    u.promise ? `**${mattermostText(u.promise)}**` : "",
    limits.attachmentText,
  );
  return {
    text: cutText(`${link(u.pageUrl, u.pageName)}: ${status}`, limits.text),
    attachments: [
      {
        fallback: cutText(mattermostPlain(`${u.pageName}: ${u.incidentTitle}: ${status}`), 500),
        color: updateColor(u.status, u.impact),
        title: cutText(mattermostPlain(u.incidentTitle), 250),
        title_link: u.incidentUrl,
        text,
        fields,
        footer: footer.join(" · "),
      },
    ],
  };
}

/** The double opt-in message: a confirm link (webhook buttons need an integration there). */
export function mattermostConfirmation(c: ChatConfirmation): ChatBody {
  const w = confirmationWords(c);
  const text = [
    `#### ${mattermostText(w.title)}`,
    `${mattermostText(w.asked)} ${mattermostText(w.scope)} on ${link(c.pageUrl, c.pageName)}.`,
    `**${link(c.confirmUrl, w.button)}**`,
    `_${mattermostText(w.ignore)}_`,
  ].join("\n\n");
  return { text: cutText(text, limits.text) };
}
