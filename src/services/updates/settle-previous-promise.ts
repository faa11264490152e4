import { and, eq } from "drizzle-orm";
import { incidentUpdates } from "../../db/schema/index.ts";
import type { UpdatePlan } from "../../domain/incidents.ts";
import { settleNextUpdatePromise } from "../../domain/promises.ts";
import { queryable, type ServiceContext } from "../context.ts";

/** Judges the next-update promise the previous update made, now that this one is out. */
export async function settlePreviousPromise(
  ctx: ServiceContext,
  input: { incidentId: string; seq: number; now: Date; plan: UpdatePlan },
): Promise<void> {
  const { incidentId, seq, now, plan } = input;
  if (seq <= 1) return;
  const tx = queryable(ctx);
  const [previous] = await tx
    .select({ id: incidentUpdates.id, due: incidentUpdates.nextUpdateDueAt, outcome: incidentUpdates.promiseOutcome })
    .from(incidentUpdates)
    .where(and(eq(incidentUpdates.incidentId, incidentId), eq(incidentUpdates.seq, seq - 1)));
  if (!previous?.due || previous.outcome) return;
  const outcome = settleNextUpdatePromise(previous.due, now, plan.kind);
  await tx.update(incidentUpdates).set({ promiseOutcome: outcome }).where(eq(incidentUpdates.id, previous.id));
  ctx.observe?.({
    event: "promise.settled",
    incidentId,
    by: plan.kind === "holding" || plan.kind === "eta_missed" ? "machine" : "engineer",
    kind: plan.kind,
    outcome,
    lateSeconds: Math.max(0, Math.round((now.getTime() - previous.due.getTime()) / 1000)),
  });
}
