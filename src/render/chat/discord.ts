import { confirmationWords } from "./confirm-words.ts";
import { cutText, fitLines, withPromise } from "./cut.ts";
import { breakMentions, discordText } from "./escape.ts";
import { chatLimits } from "./limits.ts";
import type { ChatConfirmation, ChatUpdate } from "./types.ts";
import { automaticWords, componentWord, impactWord, statusWord, updateColor } from "./words.ts";

const limits = chatLimits.discord;
/** Nobody is pinged, whatever the text says (https://discord.com/developers/docs/resources/message#allowed-mentions-object). */
const allowedMentions = { parse: [] as never[] };

const colorNumber = (hex: string) => Number.parseInt(hex.slice(1), 16);

/** The characters Discord counts toward an embed's 6,000. */
function embedSize(embed: {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  author?: { name: string };
}): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

/**
 * An update as a Discord webhook message: one embed with the status's colour
 * on its bar, the update and the promise as its description, the status,
 * impact and components as fields. The description gets whatever room the
 * rest leaves under the embed's 6,000 characters.
 */
export function discordUpdate(u: ChatUpdate) {
  const fields = [
    { name: "Status", value: statusWord(u.status), inline: true },
    { name: "Impact", value: impactWord(u.impact), inline: true },
  ];
  if (u.components.length) {
    const lines = u.components.map((c) => `${discordText(c.name)}: ${componentWord(c.status)}`);
    fields.push({ name: "Affected components", value: fitLines(lines, limits.fieldValue), inline: false });
  }
  const embed = {
    author: { name: cutText(breakMentions(u.pageName), limits.authorName), url: u.pageUrl },
    title: cutText(breakMentions(u.incidentTitle), limits.embedTitle),
    url: u.incidentUrl,
    color: colorNumber(updateColor(u.status, u.impact)),
    fields,
    footer: { text: u.automatic ? `${automaticWords} from Candor` : breakMentions(u.pageName) },
    timestamp: u.createdAt.toISOString(),
  };
  const room = Math.min(limits.embedDescription, limits.embedTotal - embedSize(embed));
  const description = withPromise(discordText(u.message), u.promise ? `**${discordText(u.promise)}**` : "", room);
  // An update with neither text nor promise sends no description rather than an empty one.
  return { embeds: [description ? { ...embed, description } : embed], allowed_mentions: allowedMentions };
}

/** The double opt-in message: an embed whose title links to the confirm page. */
export function discordConfirmation(c: ChatConfirmation) {
  const w = confirmationWords(c);
  const description = [
    `${discordText(w.asked)} ${discordText(w.scope)}.`,
    `**[${discordText(w.button)}](${c.confirmUrl})**`,
    `*${discordText(w.ignore)}*`,
  ].join("\n\n");
  return {
    embeds: [
      {
        author: { name: cutText(breakMentions(c.pageName), limits.authorName), url: c.pageUrl },
        title: cutText(breakMentions(w.title), limits.embedTitle),
        url: c.confirmUrl,
        color: colorNumber("#2f6fb3"),
        description: cutText(description, limits.embedDescription),
      },
    ],
    allowed_mentions: allowedMentions,
  };
}
