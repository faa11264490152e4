import type { listenAlerts } from "../../db/schema/index.ts";

/** A spike heard on X: paged (no incident open) or recorded against the open incident. */
export type ListenAlert = typeof listenAlerts.$inferSelect;
