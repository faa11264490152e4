import type { Io } from "../session.ts";
import { closeMaintenance } from "./maintenance-close.ts";

export const usage = `Usage: candor maintenance cancel <maintenance-id> [--message <m>] [--quiet <channel>] [--json]

Cancels work that has not started; customers are told it will not take place.
Refused once the work is under way (complete it instead).`;

export const run = (argv: string[], io: Io) => closeMaintenance(argv, io, "cancel");
