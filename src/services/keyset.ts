import { and, eq, lt, or, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { decodeCursor } from "../lib/cursor.ts";

/**
 * The condition for the page after `cursor` in a list ordered newest first by
 * (time, id): rows older than the cursor's, or as old with a smaller id.
 * Undefined without a cursor (the first page). 400 naming `cursor` for one
 * this API did not return.
 *
 * @example db.select().from(listenAlerts).where(olderThanCursor(listenAlerts.createdAt, listenAlerts.id, cursor))
 */
export function olderThanCursor(at: AnyPgColumn, id: AnyPgColumn, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const after = decodeCursor(cursor);
  return or(lt(at, after.at), and(eq(at, after.at), lt(id, after.id)));
}
