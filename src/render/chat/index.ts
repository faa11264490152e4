// TEMPORARY stub until the chat-render branch is merged (it replaces this file).
export const chatKinds = ["slack", "teams", "discord", "google_chat", "mattermost"] as const;
export type ChatKind = (typeof chatKinds)[number];
export type ChatUpdate = {
  pageName: string;
  pageUrl: string;
  incidentTitle: string;
  incidentUrl: string;
  status: string;
  impact: string;
  message: string;
  promise: string;
  components: { name: string; status: string }[];
  automatic: boolean;
  createdAt: Date;
};
export function chatUpdateBody(kind: ChatKind, update: ChatUpdate): Record<string, unknown> {
  const text = `${update.incidentTitle}: ${update.message} ${update.promise}`;
  return kind === "discord" ? { content: text } : { text };
}
export function chatConfirmationBody(
  kind: ChatKind,
  c: { pageName: string; pageUrl: string; confirmUrl: string; components: string[] },
): Record<string, unknown> {
  const text = `Confirm ${c.pageName} updates here: ${c.confirmUrl}`;
  return kind === "discord" ? { content: text } : { text };
}
