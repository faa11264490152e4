import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AlertMapping } from "../../../domain/alerts.ts";
import { type AlertReport, type AlertSource, receiveAlerts } from "../../../services/integrations/index.ts";
import { type AppEnv, serviceContext } from "../../env.ts";
import { changedComponentsHeader } from "./common.ts";
import { queryMapping } from "./mapping.ts";
import type { AlertmanagerPayloadSchema } from "./schema.ts";

type Payload = Pick<z.infer<typeof AlertmanagerPayloadSchema>, "groupKey" | "truncatedAlerts" | "alerts">;

/**
 * Applies a validated notification with the key's and the query's mapping.
 * What could not be applied is logged by fingerprint and slug only: labels
 * and annotations may hold anything.
 */
export async function receive(c: Context<AppEnv>, source: AlertSource, body: Payload): Promise<AlertReport> {
  const ctx = serviceContext(c);
  const report = await receiveAlerts(ctx, {
    source,
    groupKey: body.groupKey,
    keyMapping: c.var.apiKey?.alertMapping as AlertMapping | null,
    queryMapping: queryMapping(c.req.query()),
    alerts: body.alerts.map((a) => ({
      fingerprint: a.fingerprint,
      state: a.status,
      labels: a.labels,
      annotations: a.annotations ?? {},
      startsAt: new Date(a.startsAt),
      endsAt: a.endsAt === undefined ? undefined : new Date(a.endsAt),
    })),
  });
  if (report.components.length)
    c.header(changedComponentsHeader, report.components.map((change) => change.component).join(" "));
  const { unknown, not_declared } = report;
  const truncated = body.truncatedAlerts ?? 0;
  if (unknown.length || not_declared.length || truncated)
    c.var.deps.log?.warn(
      { source, requestId: c.var.requestId, unknown, not_declared, truncated },
      "alerts not applied",
    );
  return report;
}
