import { and, eq, isNull } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { alertDeclarations, incidentComponents, incidents } from "../../db/schema/index.ts";
import type { ComponentStatus } from "../../domain/components.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { declareIncident } from "../incidents/declare.ts";
import { fillDeclare } from "../templates/fill.ts";
import type { AlertSource } from "./types.ts";

type Input = {
  source: AlertSource;
  groupKey: string;
  fingerprint: string;
  template: string;
  component: { id: string; slug: string; status: string };
};

/** The open incident (not maintenance) touching a component, if any. */
async function openIncidentOn(tx: Queryable, componentId: string) {
  const [row] = await tx
    .select({ id: incidents.id })
    .from(incidentComponents)
    .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
    .where(
      and(
        eq(incidentComponents.componentId, componentId),
        eq(incidents.kind, "incident"),
        isNull(incidents.resolvedAt),
      ),
    )
    .limit(1);
  return row?.id ?? null;
}

/**
 * Declares an incident from the template an alert names (candor_declare),
 * once per alert group, and only when no incident is open on its component.
 * Returns the incident's id, or why none was declared. A template that
 * cannot be used is a reason, not an error: the alerts are still applied.
 * Resolving the incident stays with people.
 */
export async function declareFromAlert(
  ctx: ServiceContext,
  input: Input,
): Promise<{ incidentId: string } | { reason: string }> {
  return withTransaction(ctx, async (tx, txCtx) => {
    const groupKey = and(eq(alertDeclarations.source, input.source), eq(alertDeclarations.groupKey, input.groupKey));
    const [earlier] = await tx
      .select({ incidentId: alertDeclarations.incidentId })
      .from(alertDeclarations)
      .innerJoin(incidents, eq(incidents.id, alertDeclarations.incidentId))
      .where(and(groupKey, isNull(incidents.resolvedAt)));
    if (earlier) return { reason: `this alert group declared ${earlier.incidentId}, still open` };
    const open = await openIncidentOn(tx, input.component.id);
    if (open) return { reason: `incident ${open} is open on ${input.component.slug}` };
    try {
      // A savepoint: a template that fails leaves the alerts' own writes standing.
      const incident = await txCtx.tx.transaction(async (sp) => {
        const spCtx = { ...txCtx, tx: sp };
        const filled = await fillDeclare(spCtx, { template: input.template });
        const status = input.component.status as ComponentStatus;
        if (!Object.keys(filled.components ?? {}).length && status !== "operational")
          filled.components = { [input.component.slug]: status };
        return declareIncident(spCtx, filled);
      });
      const now = ctx.clock();
      const row = {
        incidentId: incident.id,
        fingerprint: input.fingerprint,
        template: input.template,
        declaredAt: now,
      };
      await tx
        .insert(alertDeclarations)
        .values({ source: input.source, groupKey: input.groupKey, ...row })
        .onConflictDoUpdate({ target: [alertDeclarations.source, alertDeclarations.groupKey], set: row });
      await recordAudit(tx, ctx, now, {
        action: "alert.declare",
        targetType: "incident",
        targetId: incident.id,
        details: {
          source: input.source,
          fingerprint: input.fingerprint,
          group_key: input.groupKey,
          template: input.template,
        },
      });
      return { incidentId: incident.id };
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return { reason: err.message };
      throw err;
    }
  });
}
