import type { Impact } from "../domain/components.ts";
import type { IncidentStatus } from "../domain/incidents.ts";
import { emailSubject, emailUpdateData, emailUpdateText } from "../render/email-update.ts";
import { render } from "../render/index.ts";
import type { StatuspagePage } from "../render/statuspage/endpoints.ts";
import { type PromiseFacts, promiseText } from "../render/text.ts";
import { composeTweet, tweetLength, tweetLimit } from "../render/tweet.ts";
import { incidentCard } from "../render/views/incident-card.ts";

/** What an update will say, before it is posted. */
export type PreviewFacts = {
  page: StatuspagePage;
  /** The incident's first update: its X post names the incident. */
  first: boolean;
  incidentId: string;
  title: string;
  status: IncidentStatus;
  impact: Impact;
  message: string;
  components: { slug: string; name: string; status: string }[];
  promise: PromiseFacts;
  /** Engineers' own text for X. */
  tweet?: string;
  startedAt: Date;
  now: Date;
};

/** What customers get, channel by channel, worded by the server's own render functions. */
export type Preview = {
  promise: string;
  tweet: { text: string; length: number; limit: number };
  email: { subject: string; text: string };
  card: string;
};

/** A card's HTML as the text a terminal can show: one line per block, entities decoded. */
export function htmlToText(html: string): string {
  return (
    html
      // Icons the page shows beside a label are for sighted readers of the page; the label says it.
      .replace(/<span[^>]*aria-hidden="true"[^>]*>[^<]*<\/span>/g, "")
      .replace(/<\/(p|h3)>/g, "\n")
      .replace(/<[^>]+>/g, "")
      .replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|#39);/gi, (all, e: string) => {
        const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
        if (named[e.toLowerCase()]) return named[e.toLowerCase()];
        const code = e.startsWith("#x") || e.startsWith("#X") ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
        return Number.isFinite(code) ? String.fromCodePoint(code) : all;
      })
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .join("\n")
  );
}

/**
 * The X post with its weighted length, the email's subject and text (to one
 * subscriber who follows every component), and the card on `/`, as the
 * server will write them for this update.
 */
export function preview(f: PreviewFacts): Preview {
  const tz = f.page.time_zone;
  const promise = promiseText(f.promise, tz);
  const url = `${f.page.url}/incidents/${f.incidentId}`;
  const tweet = composeTweet({
    first: f.first,
    title: f.title,
    status: f.status,
    message: f.message,
    promise,
    url,
    custom: f.tweet,
  });
  const facts = {
    status: f.status,
    kind: f.status === "resolved" ? "resolved" : "manual",
    incidentTitle: f.title,
    message: f.message,
    promise,
    incidentUrl: url,
    createdAt: f.now,
  };
  const emailData = emailUpdateData({ pageName: f.page.name, timeZone: tz }, facts);
  // The card reads only these fields of an incident summary (render/views/incident-card.ts).
  const summary = {
    id: f.incidentId,
    kind: "incident",
    title: f.title,
    status: f.status,
    impact: f.impact,
    startedAt: f.startedAt,
    eta: f.promise.resolved ? null : f.promise.eta,
    nextUpdateDueAt: f.promise.resolved ? null : f.promise.nextUpdateDueAt,
    resolvedAt: f.promise.resolved ? f.now : null,
    components: f.components.map((c) => ({ id: c.slug, ...c })),
    latestUpdate: { body: f.message, kind: facts.kind, createdAt: f.now },
  } as unknown as Parameters<typeof incidentCard>[0];
  const card = htmlToText(render("partials/incident-card", incidentCard(summary, [], f.now, tz)));
  return {
    promise,
    tweet: { text: tweet, length: tweetLength(tweet), limit: tweetLimit },
    email: {
      subject: emailSubject({ pageName: f.page.name }, facts),
      text: emailUpdateText(emailData, `${f.page.url}/unsubscribe/…`, ""),
    },
    card,
  };
}

/** A line cut at spaces to at most `width` characters (a longer word stays whole). */
export function wrapLine(line: string, width: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const word of line.split(" ")) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  return [...out, current];
}

/** The preview as the terminal shows it before asking to confirm, fitted to `columns` so each quote keeps its bar. */
export function formatPreview(p: Preview, columns = 100, emailLines = 6): string {
  // The note's frame and the quote bar take 12 columns.
  const width = Math.max(30, columns - 12);
  const indent = (text: string) =>
    text
      .split("\n")
      .flatMap((l) => wrapLine(l, width))
      .map((l) => `  │ ${l}`)
      .join("\n");
  const over = p.tweet.length > p.tweet.limit ? " (over the limit: it will be cut)" : "";
  const emailStart = p.email.text.split("\n").slice(0, emailLines).join("\n");
  return [
    `X post (${p.tweet.length}/${p.tweet.limit} weighted characters${over}):`,
    indent(p.tweet.text),
    "Email:",
    indent(`Subject: ${p.email.subject}\n\n${emailStart}\n…`),
    "Status page card:",
    indent(p.card),
  ].join("\n");
}
