import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { subscribers } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import { newId } from "../../lib/ids.ts";
import type { ChatKind } from "../../render/chat/index.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { componentIdsFor, withComponentSlugs } from "./component-ids.ts";
import { reactivation, sameIds } from "./reactivation.ts";
import { emailProblem, normalizeEmail } from "./rules.ts";
import type { SubscriberView, WebhookEvent } from "./types.ts";
import { checkWebhookUrl } from "./webhook-address.ts";

/** A webhook signing secret: 32 random bytes as hex. */
function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export type AddSubscriberInput =
  | { type: "email"; email: string; components?: string[] }
  | { type: "webhook"; url: string; components?: string[]; events?: WebhookEvent[] }
  | { type: "chat"; kind: ChatKind; url: string; components?: string[] };

export type AddedSubscriber = {
  subscriber: SubscriberView;
  /** False when the address or URL was already there: it is active again, with the components given. */
  created: boolean;
  /** A new webhook's signing secret; shown once, in the create response. */
  secret: string | null;
};

/**
 * Adds a pre-confirmed subscriber, as an administrator importing a list does:
 * an email address (no confirmation email), a webhook (with a new signing
 * secret) or a chat channel's incoming webhook (no secret: chat platforms
 * check none). An address or URL that is already there is made active again,
 * with `components` when given (omitted keeps what it follows; [] means every
 * component), for a webhook `events` when given (omitted keeps its choice;
 * a new one gets incident events), and for chat the kind given.
 *
 * @example await addSubscriber(ctx, { type: "webhook", url: "https://hooks.example.com/status" })
 */
export async function addSubscriber(ctx: ServiceContext, input: AddSubscriberInput): Promise<AddedSubscriber> {
  const now = ctx.clock();
  const email = input.type === "email" ? normalizeEmail(input.email) : null;
  const url = input.type === "email" ? null : await checkWebhookUrl(ctx, input.url);
  const kind = input.type === "chat" ? input.kind : null;
  if (email !== null) {
    const problem = emailProblem(email);
    if (problem) throw AppError.invalid([{ field: "email", message: problem }]);
  }
  const { subscriber, created, secret } = await withTransaction(ctx, async (tx) => {
    const answer = await addInTransaction(tx);
    // Read in the transaction: once it commits, the answer (and a webhook's
    // one-time secret) must not need the database again.
    const [withSlugs] = await withComponentSlugs(tx, [answer.row]);
    return { subscriber: withSlugs, created: answer.created, secret: answer.secret };
  });
  return { subscriber, created, secret };

  async function addInTransaction(tx: Queryable) {
    const componentIds = input.components === undefined ? undefined : await componentIdsFor(tx, input.components);
    const events = input.type === "webhook" ? input.events : undefined;
    const find = async () => {
      const [found] = await tx
        .select()
        .from(subscribers)
        .where(
          email !== null
            ? and(eq(subscribers.type, "email"), eq(subscribers.email, email))
            : and(eq(subscribers.type, input.type), eq(subscribers.url, url as string)),
        )
        .orderBy(asc(subscribers.createdAt), asc(subscribers.id))
        .limit(1)
        .for("update");
      return found;
    };
    let existing = await find();
    if (!existing) {
      const secret = input.type === "webhook" ? newWebhookSecret() : null;
      const [inserted] = await tx
        .insert(subscribers)
        .values({
          id: newId("sub"),
          type: input.type,
          email,
          url,
          kind,
          state: "active",
          componentIds: componentIds ?? [],
          events: events ?? ["incident"],
          secret,
          confirmedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (inserted) {
        await recordAudit(tx, ctx, now, {
          action: "subscriber.create",
          targetType: "subscriber",
          targetId: inserted.id,
          details: {
            type: input.type,
            ...(kind ? { kind } : {}),
            components: input.components ?? [],
            ...(events ? { events } : {}),
          },
        });
        return { row: inserted, created: true, secret };
      }
      existing = await find(); // a public subscription for the same address won the race
      // Neither the address nor the URL in the message: errors are logged, and a URL can carry tokens.
      if (!existing) throw new Error(`a ${input.type} subscriber vanished while being added`);
    }
    const wasActive = existing.state === "active";
    const nextIds = componentIds ?? existing.componentIds;
    const nextEvents = events ?? existing.events;
    const sameEvents = sameIds(nextEvents, existing.events);
    const sameKind = kind === null || kind === existing.kind;
    if (wasActive && sameEvents && sameKind && sameIds(nextIds, existing.componentIds)) {
      return { row: existing, created: false, secret: null };
    }
    const [updated] = await tx
      .update(subscribers)
      .set({
        ...(wasActive ? { componentIds: nextIds, updatedAt: now } : reactivation(nextIds, now)),
        events: nextEvents,
        ...(kind ? { kind } : {}),
      })
      .where(eq(subscribers.id, existing.id))
      .returning();
    await recordAudit(tx, ctx, now, {
      action: wasActive ? "subscriber.update" : "subscriber.reactivate",
      targetType: "subscriber",
      targetId: existing.id,
      details: {
        type: input.type,
        ...(kind ? { kind } : {}),
        previousState: existing.state,
        components: input.components ?? null,
        ...(events ? { events } : {}),
      },
    });
    return { row: updated, created: false, secret: null };
  }
}
