import { eq } from "drizzle-orm";
import type { IncidentDetail, IncidentUpdate } from "../../db/models.ts";
import { incidents } from "../../db/schema/index.ts";
import { type CurrentIncident, planUpdate } from "../../domain/incidents.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { auditDetails, nextSeq, resolveComponents, restoreComponents, writeUpdate } from "../updates/index.ts";
import { checkTweet } from "./check-tweet.ts";
import { getIncident } from "./get.ts";
import { intervalOf, toPlanInput } from "./plan-input.ts";
import type { PostUpdateRequest } from "./types.ts";

/**
 * Adds an engineer's update; status "resolved" closes the incident and gives
 * its components back. Each update keeps or breaks the previous promise and
 * makes the next one, so this is where the ledger moves.
 *
 * @example
 * await postIncidentUpdate(ctx, { incidentId, message: "Fixed.", status: "resolved" });
 */
export async function postIncidentUpdate(
  ctx: ServiceContext,
  input: PostUpdateRequest,
): Promise<{ incident: IncidentDetail; update: IncidentUpdate }> {
  const { incidentId, ...request } = input;
  checkTweet(ctx, request.tweet);
  const now = ctx.clock();
  const incident = await withTransaction(ctx, async (tx, txCtx) => {
    // Lock the incident so concurrent updates get consecutive sequence numbers.
    const [current] = await tx.select().from(incidents).where(eq(incidents.id, incidentId)).for("update");
    if (!current) throw AppError.notFound("incident", incidentId);
    if (current.kind === "maintenance") {
      throw AppError.conflict(`${incidentId} is a scheduled maintenance; post to /api/v1/maintenances/${incidentId}`);
    }
    if (current.resolvedAt)
      throw AppError.conflict(`incident ${incidentId} is resolved; declare a new incident instead`);
    const found = await resolveComponents(txCtx, request.components);
    const plan = planUpdate(current as CurrentIncident, toPlanInput(request), now, ctx.config.defaultUpdateIntervalMs);
    const componentChanges = { ...request.components };
    if (plan.resolvedAt) await restoreComponents(txCtx, incidentId, found, componentChanges);
    await tx
      .update(incidents)
      .set({
        status: plan.status,
        impact: plan.impact,
        eta: plan.resolvedAt ? null : plan.eta,
        nextUpdateDueAt: plan.nextUpdateDueAt,
        updateIntervalMs: plan.resolvedAt ? current.updateIntervalMs : intervalOf(plan, now, current.updateIntervalMs),
        resolvedAt: plan.resolvedAt,
        updatedAt: now,
      })
      .where(eq(incidents.id, incidentId));
    const updateId = await writeUpdate(txCtx, {
      incidentId,
      seq: await nextSeq(txCtx, incidentId),
      plan,
      message: request.message,
      notify: request.notify,
      tweet: request.tweet,
      componentChanges,
      found,
      previousEta: current.eta,
      startedAt: current.startedAt,
      now,
    });
    await recordAudit(tx, ctx, now, {
      action: plan.resolvedAt ? "incident.resolve" : "incident.update",
      targetType: "incident",
      targetId: incidentId,
      details: { updateId, ...auditDetails(request) },
    });
    // Read in the transaction: once it commits, the answer must not need the database again.
    return getIncident(txCtx, incidentId);
  });
  ctx.afterCommit?.();
  // Updates are newest first, and the row lock above kept anyone else's out.
  return { incident, update: incident.updates[0] as IncidentUpdate };
}
