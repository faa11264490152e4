import { eq } from "drizzle-orm";
import { incidentTemplates } from "../../db/schema/index.ts";
import { isUniqueViolation, recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { checkedComponents, nameTaken } from "./fields.ts";
import { findTemplate, getTemplate } from "./find.ts";
import type { Template, TemplatePatch } from "./types.ts";

/**
 * Edits a template (a new name included); fields left out keep their value,
 * null clears an optional one, and components given replace the old ones.
 *
 * @example await updateTemplate(ctx, "db-down", { next_update_in: 900_000 })
 */
export async function updateTemplate(ctx: ServiceContext, name: string, input: TemplatePatch): Promise<Template> {
  const now = ctx.clock();
  try {
    return await withTransaction(ctx, async (tx, txCtx) => {
      const current = await getTemplate(txCtx, name);
      if (input.name !== undefined && input.name !== name && (await findTemplate(txCtx, input.name))) {
        throw nameTaken(input.name);
      }
      const components = await checkedComponents(txCtx, input);
      const keep = <T>(given: T | undefined, old: T) => (given === undefined ? old : given);
      const [row] = await tx
        .update(incidentTemplates)
        .set({
          name: input.name ?? current.name,
          title: keep(input.title, current.title),
          message: input.message ?? current.message,
          status: keep(input.status, current.status),
          impact: keep(input.impact, current.impact),
          components: components ?? current.components,
          nextUpdateInMs: keep(input.nextUpdateInMs, current.nextUpdateInMs),
          updatedAt: now,
        })
        .where(eq(incidentTemplates.id, current.id))
        .returning();
      await recordAudit(tx, ctx, now, {
        action: "template.update",
        targetType: "template",
        targetId: row.id,
        details: JSON.parse(JSON.stringify({ name, ...input })),
      });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err) && input.name) throw nameTaken(input.name);
    throw err;
  }
}
