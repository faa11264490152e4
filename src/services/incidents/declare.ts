import type { IncidentDetail } from "../../db/models.ts";
import { incidents } from "../../db/schema/index.ts";
import { planUpdate } from "../../domain/incidents.ts";
import { newId } from "../../lib/ids.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { auditDetails, resolveComponents, writeUpdate } from "../updates/index.ts";
import { checkTweet } from "./check-tweet.ts";
import { getIncident } from "./get.ts";
import { intervalOf, toPlanInput } from "./plan-input.ts";
import type { DeclareRequest } from "./types.ts";

/**
 * Opens an incident with its first public update, in one transaction, so no
 * incident is ever visible without the words and promise that announce it.
 *
 * @example
 * const incident = await declareIncident(ctx, { title: "Login errors", message: "We are looking into it." });
 */
export async function declareIncident(ctx: ServiceContext, input: DeclareRequest): Promise<IncidentDetail> {
  checkTweet(ctx, input.tweet);
  const now = ctx.clock();
  const incident = await withTransaction(ctx, async (tx, txCtx) => {
    const found = await resolveComponents(txCtx, input.components);
    const plan = planUpdate(null, toPlanInput(input), now, ctx.config.defaultUpdateIntervalMs);
    const incidentId = newId("inc");
    await tx.insert(incidents).values({
      id: incidentId,
      title: input.title,
      status: plan.status,
      impact: plan.impact,
      startedAt: now,
      resolvedAt: null,
      eta: plan.eta,
      nextUpdateDueAt: plan.nextUpdateDueAt,
      updateIntervalMs: intervalOf(plan, now, ctx.config.defaultUpdateIntervalMs),
      createdBy: ctx.actor.name,
      updatedAt: now,
    });
    await writeUpdate(txCtx, {
      incidentId,
      seq: 1,
      plan,
      message: input.message,
      notify: input.notify,
      tweet: input.tweet,
      componentChanges: { ...input.components },
      found,
      previousEta: null,
      startedAt: now,
      now,
    });
    await recordAudit(tx, ctx, now, {
      action: "incident.declare",
      targetType: "incident",
      targetId: incidentId,
      details: auditDetails(input),
    });
    // Read in the transaction: a read after the commit could fail on a
    // lost connection and answer 503 "nothing was changed" for a stored
    // incident, and the client's retry would declare it twice.
    return getIncident(txCtx, incidentId);
  });
  ctx.afterCommit?.();
  return incident;
}
