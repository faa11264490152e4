import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AlertMapping } from "../../../domain/alerts.ts";
import { type AlertReport, type AlertSource, receiveAlerts } from "../../../services/integrations/index.ts";
import { type AppEnv, serviceContext } from "../../env.ts";
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
  const log = c.var.deps.log;
  const requestId = c.var.requestId;
  if (report.unknown.length)
    log?.warn({ source, requestId, unknown: report.unknown }, "alerts name no known component");
  if (report.not_declared.length)
    log?.info({ source, requestId, not_declared: report.not_declared }, "alerts asked for an incident; none declared");
  if (body.truncatedAlerts)
    log?.warn(
      { source, requestId, truncated: body.truncatedAlerts },
      "the sender left alerts out of this notification",
    );
  return report;
}
