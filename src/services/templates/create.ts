import { incidentTemplates } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { isUniqueViolation, recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { checkedComponents, nameTaken } from "./fields.ts";
import { findTemplate } from "./find.ts";
import type { Template, TemplateInput } from "./types.ts";

/**
 * Saves a template, checked as an incident is (statuses and impact by the
 * API's schema, the interval and components here), under a name no other
 * template has.
 *
 * @example await createTemplate(ctx, { name: "db-down", title: "Database unavailable", message: "We are looking into it." })
 */
export async function createTemplate(ctx: ServiceContext, input: TemplateInput): Promise<Template> {
  const now = ctx.clock();
  try {
    return await withTransaction(ctx, async (tx, txCtx) => {
      if (await findTemplate(txCtx, input.name)) throw nameTaken(input.name);
      const components = (await checkedComponents(txCtx, input)) ?? [];
      const [row] = await tx
        .insert(incidentTemplates)
        .values({
          id: newId("tpl"),
          name: input.name,
          title: input.title ?? null,
          message: input.message,
          status: input.status ?? null,
          impact: input.impact ?? null,
          components,
          nextUpdateInMs: input.nextUpdateInMs ?? null,
          createdBy: ctx.actor.name,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordAudit(tx, ctx, now, {
        action: "template.create",
        targetType: "template",
        targetId: row.id,
        details: JSON.parse(JSON.stringify(input)),
      });
      return row;
    });
  } catch (err) {
    // Two concurrent creates can both pass the check; the unique index decides.
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}
