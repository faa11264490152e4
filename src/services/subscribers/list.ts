import { and, desc, eq, lt, or } from "drizzle-orm";
import { subscribers } from "../../db/schema/index.ts";
import { decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import type { ServiceContext } from "../context.ts";
import { withComponentSlugs } from "./component-ids.ts";
import type { SubscriberState, SubscriberType, SubscriberView } from "./types.ts";

export type SubscriberPage = { subscribers: SubscriberView[]; nextCursor: string | null };

export type ListSubscribersInput = { type?: SubscriberType; state?: SubscriberState; cursor?: string; limit: number };

/**
 * Subscribers newest first, keyset-paginated like incidents so pages stay stable while rows are added.
 *
 * @example await listSubscribers(ctx, { state: "active", limit: 100 })
 */
export async function listSubscribers(ctx: ServiceContext, input: ListSubscribersInput): Promise<SubscriberPage> {
  const { type, state, cursor, limit } = input;
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await ctx.db
    .select()
    .from(subscribers)
    .where(
      and(
        type ? eq(subscribers.type, type) : undefined,
        state ? eq(subscribers.state, state) : undefined,
        after
          ? or(
              lt(subscribers.createdAt, after.at),
              and(eq(subscribers.createdAt, after.at), lt(subscribers.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(subscribers.createdAt), desc(subscribers.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    subscribers: await withComponentSlugs(ctx.db, page),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
