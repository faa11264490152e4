import { desc } from "drizzle-orm";
import { listenAlerts } from "../../db/schema/index.ts";
import { encodeCursor } from "../../lib/cursor.ts";
import type { ServiceContext } from "../context.ts";
import { olderThanCursor } from "../keyset.ts";
import type { ListenAlert } from "./types.ts";

export type ListListenAlertsInput = { cursor?: string; limit: number };
export type ListenAlertPage = { alerts: ListenAlert[]; nextCursor: string | null };

/**
 * The spike alerts, newest first, keyset-paginated so that an alert raised
 * while someone pages does not shift the pages.
 *
 * @example await listListenAlerts(ctx, { limit: 50 }) // { alerts: [...], nextCursor: null }
 */
export async function listListenAlerts(ctx: ServiceContext, input: ListListenAlertsInput): Promise<ListenAlertPage> {
  const rows = await ctx.db
    .select()
    .from(listenAlerts)
    .where(olderThanCursor(listenAlerts.createdAt, listenAlerts.id, input.cursor))
    .orderBy(desc(listenAlerts.createdAt), desc(listenAlerts.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    alerts: page,
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
