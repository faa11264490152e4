import { eq } from "drizzle-orm";
import { alertBaselines, components } from "../../db/schema/index.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { findLiveComponent } from "./find-live.ts";
import { recordStatusChange } from "./record-status-change.ts";
import type { Component, ComponentPatch } from "./types.ts";

/**
 * Edits a live component or sets its status by hand. Fields left out keep
 * their value; a null description or group clears it.
 */
export async function updateComponent(ctx: ServiceContext, slug: string, input: ComponentPatch): Promise<Component> {
  const now = ctx.clock();
  let changed = false;
  const updated = await withTransaction(ctx, async (tx) => {
    const current = await findLiveComponent(tx, slug);
    const [row] = await tx
      .update(components)
      .set({
        name: input.name ?? current.name,
        description: input.description === undefined ? current.description : input.description,
        groupName: input.group === undefined ? current.groupName : input.group,
        position: input.position ?? current.position,
        status: input.status ?? current.status,
        updatedAt: now,
      })
      .where(eq(components.id, current.id))
      .returning();
    if (input.status) {
      // While alerts hold the component, a status set by hand is what their
      // resolution restores: a person's word outlasts the alerts, not the other way round.
      await tx.update(alertBaselines).set({ status: input.status }).where(eq(alertBaselines.componentId, row.id));
      changed = await recordStatusChange(tx, {
        componentId: row.id,
        previous: current.status,
        status: input.status,
        cause: "manual",
        now,
      }).then((id) => id !== null);
    }
    await recordAudit(tx, ctx, now, {
      action: "component.update",
      targetType: "component",
      targetId: row.id,
      details: { ...input },
    });
    return row;
  });
  // A changed status may have queued component.update webhooks: wake the engine.
  if (changed) ctx.afterCommit?.();
  return updated;
}
