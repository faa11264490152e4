import { and, eq } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { IncidentDetail } from "../db/models.ts";
import { subscribers } from "../db/schema/index.ts";
import { AppError } from "../errors.ts";
import { systemActor } from "./context.ts";
import { getIncident } from "./incidents.ts";

// The payload itself is shaped in render/statuspage/webhook-payload.ts; these are the webhook channel's reads and writes.

/** The webhook channel's `loadIncident`: the incident with its updates and components, or null once gone. */
export function incidentLoader(db: Db, config: Config): (incidentId: string) => Promise<IncidentDetail | null> {
  return async (incidentId) => {
    try {
      return await getIncident({ ctx: { db, config, clock: () => new Date(), actor: systemActor }, id: incidentId });
    } catch (err) {
      if (err instanceof AppError && err.code === "NOT_FOUND") return null;
      throw err;
    }
  };
}

/** A receiver answered 410 Gone: it asked to hear no more, as an unsubscribe. */
export async function unsubscribeGoneWebhook(db: Db, subscriberId: string, now: Date): Promise<void> {
  await db
    .update(subscribers)
    .set({ state: "unsubscribed", unsubscribedAt: now, updatedAt: now })
    .where(and(eq(subscribers.id, subscriberId), eq(subscribers.type, "webhook"), eq(subscribers.state, "active")));
}
