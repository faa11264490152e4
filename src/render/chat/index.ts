/**
 * Chat messages for each platform a subscriber can pick: pure functions of
 * an update (or a confirmation) that return the JSON body the platform's
 * incoming webhook takes, within its limits and escaped for its markup.
 */
import { discordConfirmation, discordUpdate } from "./discord.ts";
import { googleChatConfirmation, googleChatUpdate } from "./google-chat.ts";
import { mattermostConfirmation, mattermostUpdate } from "./mattermost.ts";
import { slackConfirmation, slackUpdate } from "./slack.ts";
import { teamsConfirmation, teamsUpdate } from "./teams.ts";
import type { ChatBody, ChatConfirmation, ChatKind, ChatUpdate } from "./types.ts";

export { chatLimits } from "./limits.ts";
export { type ChatConfirmation, type ChatKind, type ChatUpdate, chatKinds } from "./types.ts";

const updates: Record<ChatKind, (u: ChatUpdate) => ChatBody> = {
  slack: slackUpdate,
  teams: teamsUpdate,
  discord: discordUpdate,
  google_chat: googleChatUpdate,
  mattermost: mattermostUpdate,
};

const confirmations: Record<ChatKind, (c: ChatConfirmation) => ChatBody> = {
  slack: slackConfirmation,
  teams: teamsConfirmation,
  discord: discordConfirmation,
  google_chat: googleChatConfirmation,
  mattermost: mattermostConfirmation,
};

/**
 * The body to POST to a `kind` webhook for one update.
 *
 * @example await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chatUpdateBody("slack", update)) })
 */
export function chatUpdateBody(kind: ChatKind, update: ChatUpdate): Record<string, unknown> {
  return updates[kind](update);
}

/** The body to POST to a `kind` webhook to ask its channel to confirm a subscription. */
export function chatConfirmationBody(
  kind: ChatKind,
  c: { pageName: string; pageUrl: string; confirmUrl: string; components: string[] },
): Record<string, unknown> {
  return confirmations[kind](c);
}
