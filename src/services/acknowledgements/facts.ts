import { and, count, desc, eq, gt, inArray, ne } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { acknowledgements, incidents, incidentUpdates, listenStops } from "../../db/schema/index.ts";

/** The acknowledgement cap counts what was sent or queued in X's own window: 15 minutes. */
export const capWindowMs = 15 * 60_000;

/** What the rule needs to know about a post's incident: open or not, since when, and its current promise. */
export async function incidentFacts(db: Queryable, incidentId: string | null) {
  if (!incidentId) return null;
  const [incident] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!incident) return null;
  const [latest] = await db
    .select({ promise: incidentUpdates.promise })
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, incidentId))
    .orderBy(desc(incidentUpdates.seq))
    .limit(1);
  return { incident, promise: latest?.promise ?? null };
}

/** Whether the author asked for no more automatic replies. */
export async function hasStopped(db: Queryable, authorId: string): Promise<boolean> {
  const rows = await db
    .select({ id: listenStops.authorId })
    .from(listenStops)
    .where(eq(listenStops.authorId, authorId));
  return rows.length > 0;
}

/** Replies sent or queued in the last 15 minutes, across processes: what the cap leaves room for. */
export async function sentRecently(db: Queryable, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(acknowledgements)
    .where(
      and(
        gt(acknowledgements.createdAt, new Date(now.getTime() - capWindowMs)),
        inArray(acknowledgements.state, ["queued", "sent"]),
      ),
    );
  return Number(row?.n ?? 0);
}

/** The wording the last reply used, so the next one reads differently. */
export async function lastVariant(db: Queryable): Promise<number | null> {
  const [row] = await db
    .select({ variant: acknowledgements.variant })
    .from(acknowledgements)
    .where(ne(acknowledgements.state, "skipped"))
    .orderBy(desc(acknowledgements.createdAt))
    .limit(1);
  return row?.variant ?? null;
}

/** Whether this author already has a decision (a reply, or a recorded skip) for this incident. */
export async function alreadyDecided(db: Queryable, incidentId: string, authorId: string): Promise<boolean> {
  const rows = await db
    .select({ id: acknowledgements.id })
    .from(acknowledgements)
    .where(and(eq(acknowledgements.incidentId, incidentId), eq(acknowledgements.authorId, authorId)));
  return rows.length > 0;
}
