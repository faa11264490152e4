import type { Io } from "../session.ts";
import { closeMaintenance } from "./maintenance-close.ts";

export const usage = `Usage: candor maintenance complete <maintenance-id> [--message <m>] [--quiet <channel>] [--json]

Completes work under way; without --message Candor posts "The scheduled maintenance has
been completed." (and how long it overran, if it did). Refused before the work has started.`;

export const run = (argv: string[], io: Io) => closeMaintenance(argv, io, "complete");
