import { and, eq, inArray, lt } from "drizzle-orm";
import { components, integrationAlerts } from "../../db/schema/index.ts";
import { mergeMappings, statusForSeverity } from "../../domain/alerts.ts";
import { findLiveComponents } from "../components/find-live.ts";
import { type ServiceContext, withTransaction } from "../context.ts";
import { declareFromAlert } from "./declare-from-alert.ts";
import { recordAlert } from "./record-alert.ts";
import { settleComponent } from "./settle-component.ts";
import type { AlertBatch, AlertReport, IncomingAlert } from "./types.ts";

/** Resolved alerts are kept this long after they were last seen, to know their late or repeated notifications. */
const keepResolvedMs = 7 * 86_400_000;

/** A label value as the report repeats it: senders' labels can be long. */
const shown = (v: string) => (v.length > 100 ? `${v.slice(0, 100)}…` : v);

/** The template an alert asks to declare from: the label, else the annotation. */
const declareTemplate = (a: IncomingAlert) => a.labels.candor_declare ?? a.annotations.candor_declare;

/**
 * Applies one notification from Alertmanager or Grafana, in one
 * transaction: records each alert's state, settles the status of every
 * component whose alerts changed, and declares incidents from templates
 * that alerts name. Repeats and late notifications change nothing. Alerts
 * that name no known component are reported, never an error.
 *
 * @example await receiveAlerts(ctx, { source: "alertmanager", groupKey: "{}:{}", alerts })
 */
export async function receiveAlerts(ctx: ServiceContext, batch: AlertBatch): Promise<AlertReport> {
  const mapping = mergeMappings(ctx.config.alertComponentLabel, batch.keyMapping, batch.queryMapping);
  const label = mapping.componentLabel;
  const report: AlertReport = {
    applied: [],
    unchanged: [],
    unknown: [],
    components: [],
    declared: [],
    not_declared: [],
  };
  await withTransaction(ctx, async (tx, txCtx) => {
    const slugs = [...new Set(batch.alerts.flatMap((a) => (a.labels[label] ? [a.labels[label]] : [])))];
    const live = await findLiveComponents(tx, slugs);
    // Notifications about the same components wait for each other, in one order (no deadlock).
    const ids = [...live.values()].map((c) => c.id).sort();
    if (ids.length)
      await tx
        .select({ id: components.id })
        .from(components)
        .where(inArray(components.id, ids))
        .orderBy(components.id)
        .for("update");
    const touched = new Map<string, string[]>();
    const touch = (id: string, fingerprint: string) => touched.set(id, [...(touched.get(id) ?? []), fingerprint]);
    const declares: { alert: IncomingAlert; template: string; componentId: string }[] = [];
    for (const alert of batch.alerts) {
      const { fingerprint } = alert;
      const slug = alert.labels[label];
      const component = slug ? live.get(slug) : undefined;
      if (!component) {
        const reason = slug ? `no component has slug "${shown(slug)}"` : `no ${label} label`;
        report.unknown.push({ fingerprint, component: slug ? shown(slug) : null, reason });
        continue;
      }
      const severity = alert.labels.severity?.toLowerCase() ?? null;
      const status = statusForSeverity(mapping, severity);
      const { source, groupKey } = batch;
      const recorded = await recordAlert(txCtx, { source, groupKey, alert, component, severity, status });
      if (recorded.arrival !== "change") {
        report.unchanged.push({ fingerprint, component: slug, reason: recorded.arrival });
        continue;
      }
      report.applied.push({ fingerprint, component: slug, alert: alert.state, status: status ?? "none" });
      touch(component.id, fingerprint);
      if (recorded.formerComponentId) touch(recorded.formerComponentId, fingerprint);
      const template = declareTemplate(alert);
      if (template && alert.state === "firing") declares.push({ alert, template, componentId: component.id });
    }
    for (const [id, fingerprints] of touched) {
      const change = await settleComponent(txCtx, id, { source: batch.source, fingerprints });
      if (change) report.components.push(change);
    }
    for (const { alert, template, componentId } of declares) {
      const [component] = await tx.select().from(components).where(eq(components.id, componentId));
      const result = await declareFromAlert(txCtx, {
        source: batch.source,
        groupKey: batch.groupKey,
        fingerprint: alert.fingerprint,
        template,
        component,
      });
      if ("incidentId" in result)
        report.declared.push({ fingerprint: alert.fingerprint, template, incident_id: result.incidentId });
      else report.not_declared.push({ fingerprint: alert.fingerprint, template, reason: result.reason });
    }
    const cutoff = new Date(ctx.clock().getTime() - keepResolvedMs);
    await tx
      .delete(integrationAlerts)
      .where(and(eq(integrationAlerts.state, "resolved"), lt(integrationAlerts.lastSeenAt, cutoff)));
  });
  return report;
}
