import { and, desc, eq, gte, sql } from "drizzle-orm";
import { listenAlerts } from "../../db/schema/index.ts";
import { spikeVerdict } from "../../domain/listen/spike.ts";
import { type ServiceContext, withTransaction } from "../context.ts";
import { openIncidentId } from "../mentions/index.ts";
import { recordAlert } from "./record-alert.ts";
import { spikePosts } from "./spike-posts.ts";

/** What the poll heard (the AfterPoll step's argument); the check reads the inbox itself, so none of it is needed. */
export type CheckSpikeInput = { source?: string; ids?: string[] };

/**
 * Every process that polls runs the check after each poll; this lock makes
 * them take turns, so the second sees the first's alert and stays quiet.
 * A transaction lock: it goes with the commit, and with a crashed session.
 */
const spikeLock = sql`select pg_advisory_xact_lock(hashtext('candor:listen-spike'))`;

/**
 * The spike check, run after every poll (an AfterPoll step): are noticeably
 * more people talking about us than at this time on the last 7 days? With no
 * incident open, a spike records an alert that pages the operators (through
 * the outbox, when LISTEN_ALERT_WEBHOOK_URL is set), at most one per
 * LISTEN_SPIKE_COOLDOWN. With one open, the engineers already know: it is
 * recorded against the incident, paged=false, at most once per cooldown per
 * incident. Check and insert are one transaction under one advisory lock, so
 * two processes polling never alert twice for one spike. Does nothing when LISTEN is off.
 *
 * @example
 * createListener({ ctx, reader, listen, owner, afterPoll: [checkSpike] });
 * await checkSpike(ctx, {}) // 8 people in 10 min, usually 0: one listen_alerts row, one outbox row
 */
export async function checkSpike(ctx: ServiceContext, _input: CheckSpikeInput = {}): Promise<void> {
  const listen = ctx.config.listen;
  if (!listen) return;
  const { windowMs, minAuthors, factor, cooldownMs } = listen.spike;
  await withTransaction(ctx, async (tx, inner) => {
    await tx.execute(spikeLock);
    // Read after the lock: a process that waited for it sees what the other one wrote.
    const now = ctx.clock();
    const posts = await spikePosts(tx, now, windowMs);
    const incidentId = await openIncidentId(tx);
    const [lastPage] = await tx
      .select({ at: listenAlerts.createdAt })
      .from(listenAlerts)
      .where(eq(listenAlerts.paged, true))
      .orderBy(desc(listenAlerts.createdAt))
      .limit(1);
    const verdict = spikeVerdict({
      now,
      windowMs,
      minAuthors,
      factor,
      cooldownMs,
      lastAlertAt: lastPage?.at ?? null,
      incidentOpen: incidentId !== null,
      posts: posts.map((p) => ({ authorId: p.authorId, at: p.postedAt })),
    });
    if (!verdict.alert && !verdict.recordOnIncident) return;
    if (incidentId !== null) {
      // During an incident the spike is a note on it, not a row per poll: one per cooldown per incident.
      const [recent] = await tx
        .select({ id: listenAlerts.id })
        .from(listenAlerts)
        .where(
          and(
            eq(listenAlerts.incidentId, incidentId),
            gte(listenAlerts.createdAt, new Date(now.getTime() - cooldownMs)),
          ),
        )
        .limit(1);
      if (recent) return;
    }
    const window = posts.filter((p) => p.postedAt.getTime() > now.getTime() - windowMs);
    const alert = await recordAlert(inner, { verdict, windowMs, window, incidentId, now });
    ctx.log?.(
      `listen: spike of ${verdict.authors} people (baseline ${verdict.baseline}): ` +
        (incidentId ? `recorded on ${incidentId} as ${alert.id}` : `alert ${alert.id}`),
    );
  });
}
