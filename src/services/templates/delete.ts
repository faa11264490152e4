import { eq } from "drizzle-orm";
import { incidentTemplates } from "../../db/schema/index.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { getTemplate } from "./find.ts";

/**
 * Deletes a template. Incidents declared from it keep their words (they were
 * copied), and the audit log keeps what it held.
 *
 * @example await deleteTemplate(ctx, "db-down")
 */
export async function deleteTemplate(ctx: ServiceContext, name: string): Promise<void> {
  const now = ctx.clock();
  await withTransaction(ctx, async (tx, txCtx) => {
    const current = await getTemplate(txCtx, name);
    await tx.delete(incidentTemplates).where(eq(incidentTemplates.id, current.id));
    await recordAudit(tx, ctx, now, {
      action: "template.delete",
      targetType: "template",
      targetId: current.id,
      details: JSON.parse(JSON.stringify(current)),
    });
  });
}
