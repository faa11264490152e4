import { type ChannelState, channelStates } from "../../delivery/health.ts";
import type { ServiceContext } from "../context.ts";

export type { ChannelState };

/** Each named channel's health and queue: what GET /api/v1/channels shows. */
export function listChannelStates(ctx: ServiceContext, names: readonly string[]): Promise<ChannelState[]> {
  return channelStates(ctx.db, names);
}
