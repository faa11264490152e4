import { and, eq, inArray } from "drizzle-orm";
import { incidents, incidentUpdates, outbox } from "../../db/schema/index.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { getIncident } from "../incidents/index.ts";
import { lockIncident } from "./lock.ts";
import { titleCopies } from "./old-text.ts";
import type { TitleCorrection } from "./types.ts";

/**
 * Corrects an incident's title, open or resolved. Nobody is notified again;
 * channels read the title when they send, so what is still to go out carries
 * the new one, and the answer lists the copies already out with the old. The
 * audit log keeps it.
 *
 * @example await editTitle(ctx, { incidentId, title: "Login errors in the EU" })
 */
export async function editTitle(
  ctx: ServiceContext,
  input: { incidentId: string; title: string },
): Promise<TitleCorrection> {
  const { incidentId, title } = input;
  const now = ctx.clock();
  return withTransaction(ctx, async (tx, txCtx) => {
    const before = await lockIncident(txCtx, incidentId);
    if (title !== before.title) {
      await tx.update(incidents).set({ title, titleEditedAt: now, updatedAt: now }).where(eq(incidents.id, incidentId));
      await recordAudit(tx, ctx, now, {
        action: "incident.edit",
        targetType: "incident",
        targetId: incidentId,
        details: { previousTitle: before.title, title },
      });
    }
    const pending = await tx
      .selectDistinct({ channel: outbox.channel })
      .from(outbox)
      .innerJoin(incidentUpdates, eq(incidentUpdates.id, outbox.updateId))
      .where(and(eq(incidentUpdates.incidentId, incidentId), inArray(outbox.state, ["pending", "dead"])))
      .orderBy(outbox.channel);
    return {
      incident: await getIncident(txCtx, incidentId),
      channels: { withOldText: await titleCopies(txCtx, incidentId), pending: pending.map((p) => p.channel) },
    };
  });
}
