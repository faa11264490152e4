import { inArray } from "drizzle-orm";
import type { XReader } from "../../channels/types.ts";
import { heardPosts } from "../../db/schema/index.ts";
import { acknowledgeable } from "../../domain/listen/acknowledge.ts";
import { streamVerdict } from "../../domain/listen/read-stream.ts";
import { saysStop } from "../../domain/listen/stop-words.ts";
import { ackVariantCount, pickAckVariant, renderAck } from "../../render/ack.ts";
import { type ServiceContext, withTransaction } from "../context.ts";
import { alreadyDecided, hasStopped, incidentFacts, lastVariant, sentRecently } from "./facts.ts";
import { type AckOutcome, recordAckDecision, recordStop } from "./record.ts";

/** How to stop the automatic replies, said in every one of them. */
export const stopHint = "Reply STOP and we won't auto-reply again.";
/** The author's posts read before replying: X's smallest page; reads are billed per post. */
const streamPosts = 5;

export type AcknowledgeInput = {
  ids: string[];
  account: { id: string; username: string };
  reader: Pick<XReader, "userPosts">;
  autoAck: { perFifteenMinutes: number; contact: string };
};

/**
 * One honest acknowledgement per person (LISTEN_AUTO_ACK): for each post a
 * poll added, if the rule allows it (domain/listen/acknowledge.ts: it
 * mentioned us, an incident is open, it is recent, they did not say stop,
 * the cap has room), reads what the author said since the incident began
 * and skips, recording why, when they were answered, say it works now, or
 * asked to stop. Otherwise queues the reply on the x-ack channel, through
 * the outbox like every post. One decision per author per incident.
 *
 * @example await acknowledgeHeard(ctx, { ids, account, reader, autoAck: config.listen.autoAck })
 */
export async function acknowledgeHeard(ctx: ServiceContext, input: AcknowledgeInput): Promise<number> {
  if (input.ids.length === 0) return 0;
  const posts = await ctx.db.select().from(heardPosts).where(inArray(heardPosts.id, input.ids));
  // Oldest first; posts from the same second (X's times are to the second) by id,
  // which X hands out in time order (snowflakes: a longer id is a later one).
  posts.sort(
    (a, b) =>
      a.postedAt.getTime() - b.postedAt.getTime() ||
      a.id.length - b.id.length ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  let queued = 0;
  // A poll's posts mostly share one incident: read it once per call, not once per post.
  const incidentsRead = new Map<string, Awaited<ReturnType<typeof incidentFacts>>>();
  for (const post of posts) {
    const now = ctx.clock();
    if (post.mentionsUs && !post.fromUs && saysStop(post.text)) {
      await recordStop(ctx.db, post.authorId, post.id, now);
    }
    // No incident open when it was heard, or one decided for this author already: nothing to read or decide.
    if (!post.incidentId) continue;
    if (!incidentsRead.has(post.incidentId))
      incidentsRead.set(post.incidentId, await incidentFacts(ctx.db, post.incidentId));
    const facts = incidentsRead.get(post.incidentId);
    if (!facts || facts.incident.resolvedAt) continue;
    const who = { incidentId: facts.incident.id, authorId: post.authorId, postId: post.id };
    if (await alreadyDecided(ctx.db, who.incidentId, who.authorId)) continue;
    const decision = acknowledgeable({
      post: {
        mentionsUs: post.mentionsUs,
        fromUs: post.fromUs,
        isRetweet: post.isRetweet,
        postedAt: post.postedAt,
        foundBy: post.foundBy as ("mentions" | "search")[],
      },
      now,
      incidentOpen: true,
      authorStopped: await hasStopped(ctx.db, post.authorId),
      sentInLast15m: await sentRecently(ctx.db, now),
      capPer15m: input.autoAck.perFifteenMinutes,
    });
    let outcome: AckOutcome | null = null;
    if (!decision.ok) {
      // A person over the cap, or who said stop, is one this incident heard: say so once. The rest are not ours to answer.
      if (decision.reason === "capped" || decision.reason === "stopped") {
        outcome = { state: "skipped", reason: decision.reason };
      }
    } else if (post.inOurThread) {
      // A reply in our own thread: they are reading our updates already; another post would be noise.
      outcome = { state: "skipped", reason: "already_answered" };
    } else {
      outcome = await replyOrSkip(ctx, input, post, facts);
    }
    if (!outcome) continue;
    const decided = outcome;
    const wrote = await withTransaction(ctx, async (tx) => {
      if (decided.state === "skipped" && decided.reason === "asked_to_stop")
        await recordStop(tx, post.authorId, post.id, now);
      return recordAckDecision(tx, now, who, decided);
    });
    if (wrote && outcome.state === "queued") queued++;
  }
  if (queued > 0) ctx.afterCommit?.();
  return queued;
}

type Post = typeof heardPosts.$inferSelect;

/** Reads the author's stream since the incident began, then the reply's words or why there is none. */
async function replyOrSkip(
  ctx: ServiceContext,
  input: AcknowledgeInput,
  post: Post,
  facts: NonNullable<Awaited<ReturnType<typeof incidentFacts>>>,
): Promise<AckOutcome | null> {
  let stream: Awaited<ReturnType<XReader["userPosts"]>>;
  try {
    stream = await input.reader.userPosts(post.authorId, facts.incident.startedAt, streamPosts);
  } catch (err) {
    // Not knowing what they said since is no ground to reply: the post waits in the inbox for a person.
    ctx.log?.(`listen: could not read the author's posts before replying: ${(err as Error).message}`);
    return null;
  }
  const verdict = streamVerdict(
    stream.posts
      .filter((p) => p.id !== post.id)
      .map((p) => ({
        text: p.text,
        at: p.createdAt,
        repliesToUs: p.inReplyToUserId === input.account.id,
        fromUs: p.authorId === input.account.id,
      })),
    { answeredByUs: false },
  );
  if (verdict.skip) return { state: "skipped", reason: verdict.reason };
  const variant = pickAckVariant(await lastVariant(ctx.db), ackVariantCount, post.id);
  const text = renderAck({
    handle: post.authorUsername,
    promise: facts.promise ?? "We'll post the next update on the status page.",
    url: `${ctx.config.publicUrl}/incidents/${facts.incident.id}`,
    contact: input.autoAck.contact,
    stopHint,
    variant,
  });
  return { state: "queued", text, variant };
}
