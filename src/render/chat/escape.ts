// Each platform's escaping of text Candor did not write (titles, updates,
// component names). Whatever a writer types must show as typed: never a link,
// a mention that pings a channel, or formatting that hides words.

const htmlish: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * Slack mrkdwn: &, < and > as entities, which is all Slack asks
 * (https://docs.slack.dev/messaging/formatting-message-text#escaping), so
 * "<!channel>" or "<@U123>" stays text. A bare "@here" never pings from a webhook.
 */
export function slackText(text: string): string {
  return text.replace(/[&<>]/g, (ch) => htmlish[ch]);
}

/** Google Chat's card HTML subset (textParagraph, decoratedText): &, < and > as entities. */
export function chatHtml(text: string): string {
  return text.replace(/[&<>]/g, (ch) => htmlish[ch]);
}

/**
 * Google Chat's plain `text`: it reads <url|label> and <users/all> there and
 * has no escape, so angle brackets become their full-width look-alikes.
 */
export function googleChatText(text: string): string {
  return text.replace(/</g, "＜").replace(/>/g, "＞");
}

// A zero-width space after "@" keeps the word and breaks the mention, which
// Discord and Mattermost otherwise resolve (@everyone, @here, @channel, @all, @name).
const mentions = /@(?=[\p{L}\p{N}_.-])/gu;
const zwsp = "\u200b";

/** Text shown as plain text where mentions still resolve: only the mentions broken. */
export function breakMentions(text: string): string {
  return text.replace(mentions, `@${zwsp}`);
}

// A URL keeps its characters: a backslash inside would break the link.
const urlOrRest = /(\bhttps?:\/\/[^\s<>]*[^\s<>.,;:!?)\]'"])|([\s\S]+?)(?=\bhttps?:\/\/|$)/gu;

function outsideUrls(text: string, escapePart: (part: string) => string): string {
  return text.replace(
    urlOrRest,
    (_m, url: string | undefined, rest: string | undefined) => url ?? escapePart(rest ?? ""),
  );
}

/**
 * Discord markdown: a backslash before each markup character (Discord drops
 * the backslash before any punctuation), "<" too so "<@123>" and "<#1>" stay
 * text, and mentions broken. The bodies also send allowed_mentions: {parse: []}.
 */
export function discordText(text: string): string {
  return outsideUrls(text, (part) => part.replace(/[\\*_~`|<>#[\]()-]/g, "\\$&").replace(mentions, `@${zwsp}`));
}

/**
 * Mattermost markdown (CommonMark): backslash escapes; <, > and & as entities,
 * because Mattermost turns Slack's "<!channel>" into a real @channel before
 * it reads Markdown; and mentions broken (@channel, @all, @here, @name ping there).
 */
export function mattermostText(text: string): string {
  return outsideUrls(text, (part) =>
    part
      .replace(/[&<>]/g, (ch) => htmlish[ch])
      .replace(/[\\*_~`|#[\]()]/g, "\\$&")
      .replace(mentions, `@${zwsp}`),
  );
}

/**
 * Mattermost fields it shows as plain text (an attachment's title, its
 * fallback): still read for Slack's "<!channel>" and for @mentions, so both broken.
 */
export function mattermostPlain(text: string): string {
  return breakMentions(text).replace(/<([!@#])/g, `<${zwsp}$1`);
}

/**
 * Adaptive Card TextBlock markdown (bold, italic, lists, links): backslash
 * escapes for the characters that start them, so text shows as written.
 */
export function teamsText(text: string): string {
  return outsideUrls(text, (part) =>
    part.replace(/[\\*_[\]()]/g, "\\$&").replace(/^(\s*)([-+]|\d+\.)(?=\s)/gm, "$1\\$2"),
  );
}
