import { pageInfo } from "./page.ts";
import type { Session } from "./session.ts";
import { connection } from "./settings.ts";
import { localZone, parseSpan, parseWhen } from "./time-input.ts";

/** The page's zone (times such as "15:30" are read in it) and this machine's, for saying times in both. */
export async function zones(s: Pick<Session<unknown>, "io">) {
  const page = await pageInfo(connection(s.io.env));
  return { page, pageZone: page.time_zone, here: localZone(s.io.env) };
}

/** A "when" flag's value as a Date, or a usage error naming the flag and the forms it takes. */
export function whenFlag(s: Pick<Session<unknown>, "usage" | "io">, flag: string, text: string, zone: string): Date {
  const when = parseWhen(text, zone, s.io.now());
  if (!when) throw s.usage(`--${flag}: give a time such as 45m, 2h, 15:30 (${zone}) or an ISO 8601 timestamp`);
  return when.at;
}

/** A span flag ("1h", "30m") in ms, or a usage error naming the flag. */
export function spanMs(s: Pick<Session<unknown>, "usage">, flag: string, text: string): number {
  const ms = parseSpan(text);
  if (ms === null) throw s.usage(`--${flag}: give a span such as 30m, 1h or 1h30m`);
  return ms;
}

/** A span flag as an ISO 8601 duration (PT5400S), as the API takes it. */
export function spanFlag(s: Pick<Session<unknown>, "usage">, flag: string, text: string): string {
  return `PT${Math.floor(spanMs(s, flag, text) / 1000)}S`;
}
