/**
 * Every chat platform's size limits, in one place. Lengths are counted in
 * UTF-16 code units (a JavaScript string's length): never fewer than the
 * characters or runes the platforms count, so a text that fits here fits there.
 */
export const chatLimits = {
  // Slack, https://docs.slack.dev/reference/block-kit/blocks (section, header)
  // and https://docs.slack.dev/messaging/formatting-message-text (text over
  // 40,000 characters is truncated; a notification shows far less, so keep it short).
  slack: { sectionText: 3000, sectionField: 2000, sectionFields: 10, headerText: 150, blocks: 50, fallbackText: 500 },
  // Discord, https://discord.com/developers/docs/resources/message#embed-object-embed-limits
  // and .../resources/webhook#execute-webhook (content).
  discord: {
    content: 2000,
    embedTitle: 256,
    embedDescription: 4096,
    fieldName: 256,
    fieldValue: 1024,
    fields: 25,
    footerText: 2048,
    authorName: 256,
    embedTotal: 6000,
    embeds: 10,
  },
  // Microsoft Teams, https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages
  // ("message size limit is approximately 28 KB", the whole POST, card included).
  teams: { bodyBytes: 28 * 1024 },
  // Google Chat, https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages
  // (text: 4,096 characters) and .../chat/format-messages (a card message: 32,000 bytes).
  googleChat: { text: 4096, bodyBytes: 32_000 },
  // Mattermost, https://developers.mattermost.com/integrate/webhooks/incoming/ (a post:
  // 16,383 runes by default) and .../integrate/reference/message-attachments (keep
  // an attachment's text under about 7,000 characters or clients collapse it).
  mattermost: { text: 16_383, attachmentText: 7000 },
} as const;
