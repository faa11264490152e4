// Sample chat updates for the render tests, the receivers' tests and the previews.
import type { ChatUpdate } from "../../src/render/chat/index.ts";

/** A plain update, every field set: a major incident, identified, two components. */
export function sampleUpdate(over: Partial<ChatUpdate> = {}): ChatUpdate {
  return {
    pageName: "Acme Status",
    pageUrl: "https://status.acme.test",
    incidentTitle: "Elevated API error rates",
    incidentUrl: "https://status.acme.test/incidents/42",
    status: "identified",
    impact: "major",
    message:
      "We found the cause: a database failover left the API's connection pool pointing at the old primary. We are restarting the API servers one region at a time.",
    promise: "We expect service back by 14:30 UTC. Next update by 14:15 UTC.",
    components: [
      { name: "API", status: "major_outage" },
      { name: "Dashboard", status: "degraded_performance" },
    ],
    automatic: false,
    createdAt: new Date("2026-12-03T14:05:00Z"),
    ...over,
  };
}

/** Text a hostile or careless writer could type: mentions, markup, HTML. */
export const hostile =
  "<!channel> <!here> <@U123> @everyone @here @channel @all <script>alert(1)</script> *bold* [x](https://evil.test) & done";

/** A very long update: words, bare URLs, Slack and Markdown links, emoji ZWJ sequences and surrogate pairs. */
export function longText(size: number): string {
  const parts = [
    "The failover took longer than planned",
    "https://status.acme.test/incidents/42/updates?from=2026-12-03T14:05:00Z&long=yes",
    "[the runbook](https://docs.acme.test/runbooks/database-failover)",
    "👩‍👩‍👧‍👦",
    "🏳️‍🌈",
    "𝒜𝒸𝓂ℯ",
    "naïve café",
    "e\u0301",
  ];
  let text = "";
  for (let i = 0; text.length < size; i++) text += `${parts[i % parts.length]} `;
  return text;
}
