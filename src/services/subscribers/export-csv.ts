import { asc, gt } from "drizzle-orm";
import { subscribers } from "../../db/schema/index.ts";
import { csvRow } from "../../lib/csv.ts";
import type { ServiceContext } from "../context.ts";
import { withComponentSlugs } from "./component-ids.ts";
import { batchSize } from "./rules.ts";

// New columns go last (events, then kind: a chat subscriber's platform), so readers of the older ones are not shifted.
export const exportColumns = [
  "id",
  "type",
  "email",
  "url",
  "state",
  "components",
  "confirmed_at",
  "created_at",
  "events",
  "kind",
];

/**
 * Every subscriber as CSV (RFC 4180, CRLF), in chunks: the header with the
 * first 1000 rows, then 1000 rows a chunk, read in keyset order of id so
 * memory stays flat for any size of list. Webhook secrets are never exported.
 * Components are slugs separated by spaces, as import reads them; so are a
 * webhook's events (last, so the columns before keep their places).
 *
 * @example for await (const chunk of exportSubscribersCsv(ctx)) stream.write(chunk);
 */
export async function* exportSubscribersCsv(ctx: ServiceContext): AsyncGenerator<string, void> {
  let chunk = csvRow(exportColumns);
  let after: string | null = null;
  for (;;) {
    const rows = await ctx.db
      .select()
      .from(subscribers)
      .where(after ? gt(subscribers.id, after) : undefined)
      .orderBy(asc(subscribers.id))
      .limit(batchSize);
    for (const s of await withComponentSlugs(ctx.db, rows)) {
      chunk += csvRow([
        s.id,
        s.type,
        s.email,
        s.url,
        s.state,
        s.components.join(" "),
        s.confirmedAt?.toISOString() ?? null,
        s.createdAt.toISOString(),
        s.events.join(" "),
        s.kind,
      ]);
    }
    yield chunk;
    chunk = "";
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].id;
  }
}
