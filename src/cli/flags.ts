import { oneOf } from "./args.ts";
import type { UsageError } from "./errors.ts";

const channels = ["twitter", "email", "webhook", "chat"] as const;

/** `--quiet twitter` (repeatable): keep a channel quiet for this one post. */
export const quietOption = { quiet: { type: "string", multiple: true } } as const;

/** The `notify` object the API takes, from `--quiet`; undefined when every channel is told. */
export function notifyFlags(s: {
  command: string;
  values: { quiet?: string[] };
  usage: (m: string) => UsageError;
}): { twitter?: boolean; email?: boolean; webhook?: boolean; chat?: boolean } | undefined {
  const quiet = (s.values.quiet ?? []).flatMap(listFlag).map((c) => oneOf(s.command, "quiet", c, channels));
  if (quiet.length === 0) return undefined;
  return Object.fromEntries(quiet.map((c) => [c, false]));
}

/** "api, web" or "api web" as ["api", "web"]. */
export function listFlag(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}
