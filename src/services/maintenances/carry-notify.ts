import type { Incident } from "../../db/models.ts";
import type { Notify } from "./types.ts";

/**
 * An engineer's update goes where the maintenance's announcement went
 * (its stored notify), unless this update says otherwise channel by channel.
 */
export const carryNotify = (m: Pick<Incident, "notify">, input: { notify?: Notify; tweet?: string }) => ({
  notify: m.notify || input.notify ? { ...m.notify, ...input.notify } : undefined,
  tweet: input.tweet,
});
