import { z } from "zod";
import { checkSearchQuery } from "./domain/listen/search-query.ts";
import { parseDuration } from "./lib/duration.ts";

const empty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** An ISO 8601 duration within [min, max] (as the API writes them), in milliseconds. */
function durationWithin(min: [number, string], max: [number, string], example: string) {
  return z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null || ms < min[0] || ms > max[0]) {
      ctx.addIssue({
        code: "custom",
        message: `must be an ISO 8601 duration between ${min[1]} and ${max[1]}, such as ${example} (got ${JSON.stringify(text)})`,
      });
      return z.NEVER;
    }
    return ms;
  });
}

const onOff = z.enum(["on", "off"], { error: 'must be "on" or "off"' });
const count = (min: number, max: number, fallback: number) =>
  z.preprocess(empty, z.coerce.number().int().min(min).max(max).default(fallback));

const listenModes = z.string().transform((text, ctx) => {
  const parts = [...new Set(text.split(",").map((p) => p.trim().toLowerCase()))].sort().join(",");
  if (parts === "off") return { mentions: false, search: false };
  if (parts === "mentions") return { mentions: true, search: false };
  if (parts === "mentions,search") return { mentions: true, search: true };
  ctx.addIssue({ code: "custom", message: `must be off, mentions or mentions,search (got ${JSON.stringify(text)})` });
  return z.NEVER;
});

const searchQuery = z.string().transform((text, ctx) => {
  const problem = checkSearchQuery(text.trim());
  if (problem) {
    ctx.addIssue({ code: "custom", message: problem });
    return z.NEVER;
  }
  return text.trim();
});

/**
 * The LISTEN_* variables (README, "Hearing customers"). X allows 300 reads of
 * mentions and of search per 15 minutes: the shortest intervals stay well
 * inside that with every page a poll may read.
 */
export const listenEnvSchema = {
  LISTEN: z.preprocess(empty, listenModes.default({ mentions: false, search: false })),
  LISTEN_MENTIONS_EVERY: z.preprocess(
    empty,
    durationWithin([15_000, "PT15S"], [3_600_000, "PT1H"], "PT1M").default(60_000),
  ),
  LISTEN_SEARCH_EVERY: z.preprocess(
    empty,
    durationWithin([30_000, "PT30S"], [3_600_000, "PT1H"], "PT2M").default(120_000),
  ),
  LISTEN_QUERY: z.preprocess(empty, searchQuery.optional()),
  LISTEN_MAX_PAGES: count(1, 10, 3),
  LISTEN_DAILY_READS: count(10, 1_000_000, 2000),
  LISTEN_RETENTION: z.preprocess(
    empty,
    durationWithin([86_400_000, "P1D"], [31_536_000_000, "P365D"], "P30D").default(30 * 86_400_000),
  ),
  LISTEN_SPIKE_WINDOW: z.preprocess(
    empty,
    durationWithin([60_000, "PT1M"], [3_600_000, "PT1H"], "PT10M").default(600_000),
  ),
  LISTEN_SPIKE_MIN_AUTHORS: count(2, 10_000, 5),
  LISTEN_SPIKE_FACTOR: z.preprocess(empty, z.coerce.number().min(1).max(100).default(3)),
  LISTEN_SPIKE_COOLDOWN: z.preprocess(
    empty,
    durationWithin([60_000, "PT1M"], [86_400_000, "PT24H"], "PT30M").default(1_800_000),
  ),
  LISTEN_ALERT_WEBHOOK_URL: z.preprocess(
    empty,
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  ),
  LISTEN_ALERT_WEBHOOK_SECRET: z.preprocess(empty, z.string().min(16, "must be at least 16 characters").optional()),
  LISTEN_AUTO_ACK: z.preprocess(empty, onOff.default("off")),
  LISTEN_ACK_PER_15M: count(1, 100, 10),
  LISTEN_ACK_CONTACT: z.preprocess(
    empty,
    z.string().trim().min(3).max(120, "must be at most 120 characters").optional(),
  ),
};

type ListenEnv = z.output<z.ZodObject<typeof listenEnvSchema>>;

export type ListenConfig = {
  mentions: { everyMs: number } | null;
  search: { everyMs: number; query: string; maxPages: number; dailyReads: number } | null;
  retentionMs: number;
  spike: { windowMs: number; minAuthors: number; factor: number; cooldownMs: number };
  alert: { url: string; secret?: string } | null;
  autoAck: { perFifteenMinutes: number; contact: string } | null;
};

/**
 * The listening part of the configuration; null when LISTEN is off. Throws a
 * one-line message naming the variable for combinations that cannot work.
 */
export function listenConfig(e: ListenEnv, hasTwitter: boolean): ListenConfig | null {
  const modes = e.LISTEN;
  if (!modes.mentions) {
    if (e.LISTEN_AUTO_ACK === "on")
      throw new Error("LISTEN_AUTO_ACK: needs LISTEN=mentions (replies go only to people who mentioned us)");
    return null;
  }
  if (!hasTwitter)
    throw new Error("LISTEN: needs the four TWITTER_* credentials (listening reads X as the account that posts)");
  if (modes.search && !e.LISTEN_QUERY) throw new Error("LISTEN_QUERY: must be set when LISTEN includes search");
  if (e.LISTEN_AUTO_ACK === "on" && !e.LISTEN_ACK_CONTACT) {
    throw new Error("LISTEN_ACK_CONTACT: must be set when LISTEN_AUTO_ACK=on (a way off X that people actually read)");
  }
  return {
    mentions: { everyMs: e.LISTEN_MENTIONS_EVERY },
    search: modes.search
      ? {
          everyMs: e.LISTEN_SEARCH_EVERY,
          query: e.LISTEN_QUERY as string,
          maxPages: e.LISTEN_MAX_PAGES,
          dailyReads: e.LISTEN_DAILY_READS,
        }
      : null,
    retentionMs: e.LISTEN_RETENTION,
    spike: {
      windowMs: e.LISTEN_SPIKE_WINDOW,
      minAuthors: e.LISTEN_SPIKE_MIN_AUTHORS,
      factor: e.LISTEN_SPIKE_FACTOR,
      cooldownMs: e.LISTEN_SPIKE_COOLDOWN,
    },
    alert: e.LISTEN_ALERT_WEBHOOK_URL
      ? { url: e.LISTEN_ALERT_WEBHOOK_URL, secret: e.LISTEN_ALERT_WEBHOOK_SECRET }
      : null,
    autoAck:
      e.LISTEN_AUTO_ACK === "on"
        ? { perFifteenMinutes: e.LISTEN_ACK_PER_15M, contact: e.LISTEN_ACK_CONTACT as string }
        : null,
  };
}
