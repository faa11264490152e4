export const chatKinds = ["slack", "teams", "discord", "google_chat", "mattermost"] as const;
export type ChatKind = (typeof chatKinds)[number];

/** One public update of an incident or maintenance, as a chat message tells it. */
export type ChatUpdate = {
  pageName: string;
  pageUrl: string;
  incidentTitle: string;
  incidentUrl: string;
  /** investigating|identified|monitoring|resolved|scheduled|in_progress|verifying|completed */
  status: string;
  /** none|minor|major|critical|maintenance */
  impact: string;
  /** The update's text; may be long (it is cut to each platform's limits). */
  message: string;
  /** The promise line: the ETA or the next update. Never cut. */
  promise: string;
  /** operational|degraded_performance|partial_outage|major_outage|under_maintenance */
  components: { name: string; status: string }[];
  /** Candor's own holding or overdue update: the message says "automatic update". */
  automatic: boolean;
  createdAt: Date;
};

/** The double opt-in message posted into a channel someone subscribed. */
export type ChatConfirmation = {
  pageName: string;
  pageUrl: string;
  confirmUrl: string;
  /** Component names; [] means everything. */
  components: string[];
};

export type ChatBody = Record<string, unknown>;
