import { z } from "zod";
import { type ListenConfig, listenConfig, listenEnvSchema } from "./config-listen.ts";
import { type PeakHours, PeakHoursError, parsePeakHours } from "./domain/peak-hours/index.ts";
import { parseDuration } from "./lib/duration.ts";
import { FrameAncestorsError, parseFrameAncestors } from "./lib/frame-ancestors.ts";

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An ISO 8601 duration (the API's own format) within [min, max], parsed to milliseconds. */
function durationBetween(min: { ms: number; text: string }, max: { ms: number; text: string }, example: string) {
  return z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null || ms < min.ms || ms > max.ms) {
      ctx.addIssue({
        code: "custom",
        message: `must be an ISO 8601 duration between ${min.text} and ${max.text}, such as ${example} (got ${JSON.stringify(text)})`,
      });
      return z.NEVER;
    }
    return ms;
  });
}

const duration = durationBetween({ ms: 60_000, text: "PT1M" }, { ms: 86_400_000, text: "PT24H" }, "PT30M");
// Container platforms kill 10 to 30 s after SIGTERM: the default stays well inside that.
const shutdownGrace = durationBetween({ ms: 1000, text: "PT1S" }, { ms: 300_000, text: "PT5M" }, "PT10S");

const peakHours = z.string().transform((text, ctx) => {
  try {
    return parsePeakHours(text);
  } catch (error) {
    if (!(error instanceof PeakHoursError)) throw error;
    ctx.addIssue({ code: "custom", message: error.message });
    return z.NEVER;
  }
});

const frameAncestors = z.string().transform((text, ctx) => {
  try {
    return parseFrameAncestors(text);
  } catch (error) {
    if (!(error instanceof FrameAncestorsError)) throw error;
    ctx.addIssue({ code: "custom", message: `${error.message} (such as 'self' https://intranet.example.com)` });
    return z.NEVER;
  }
});

// An empty or blank variable counts as unset, as shells and .env files often leave them.
/** pino's levels, least to most severe; "silent" writes nothing. */
export const logLevels = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof logLevels)[number];

const empty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The environment contract. These names are public: keep them. */
export const envSchema = z.object({
  PORT: z.preprocess(empty, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(empty, z.string().default("0.0.0.0")),
  DATABASE_URL: z.preprocess(
    empty,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
  ),
  DATA_DIR: z.preprocess(empty, z.string().default("./data")),
  PUBLIC_URL: z.preprocess(empty, z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  PAGE_NAME: z.preprocess(empty, z.string().max(100, "must be at most 100 characters").default("Status")),
  PAGE_LOGO_URL: z.preprocess(
    empty,
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://example.com/logo.svg" }).optional(),
  ),
  PAGE_BRAND_COLOR: z.preprocess(
    empty,
    z
      .string()
      .trim()
      .regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i, "must be a colour written #rgb or #rrggbb, such as #2f6fb3")
      .optional(),
  ),
  PAGE_TIMEZONE: z.preprocess(
    empty,
    z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/London").default("UTC"),
  ),
  PAGE_FRAME_ANCESTORS: z.preprocess(empty, frameAncestors.default("'self'")),
  PAGE_SHOW_RECORD: z.preprocess(empty, z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("off")),
  CANDOR_ADMIN_TOKEN: z.preprocess(empty, z.string().min(16, "must be at least 16 characters").optional()),
  METRICS_TOKEN: z.preprocess(empty, z.string().min(16, "must be at least 16 characters").optional()),
  DEFAULT_UPDATE_INTERVAL: z.preprocess(empty, duration.default(30 * 60_000)),
  LOG_CHANNEL: z.preprocess(empty, z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on")),
  LOG_CHANNEL_FILE: z.preprocess(empty, z.string().optional()),
  LOG_CHANNEL_DELAY_MS: z.preprocess(empty, z.coerce.number().int().min(0).max(60_000).default(0)),
  TWITTER_APP_KEY: z.preprocess(empty, z.string().optional()),
  TWITTER_APP_SECRET: z.preprocess(empty, z.string().optional()),
  TWITTER_ACCESS_TOKEN: z.preprocess(empty, z.string().optional()),
  TWITTER_ACCESS_SECRET: z.preprocess(empty, z.string().optional()),
  TWITTER_API_URL: z.preprocess(
    empty,
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://api.x.com" })
      .default("https://api.x.com"),
  ),
  SMTP_URL: z.preprocess(
    empty,
    z
      .string()
      .regex(/^smtps?:\/\/[^/]/, "must look like smtp://user:pass@host:587 or smtps://user:pass@host:465")
      .optional(),
  ),
  MAIL_FROM: z.preprocess(empty, z.string().min(3).optional()),
  TRUST_PROXY: z.preprocess(empty, z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("off")),
  LOG_LEVEL: z.preprocess(
    empty,
    z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).default("info"),
  ),
  LOG_FORMAT: z.preprocess(empty, z.enum(["json", "pretty"], { error: 'must be "json" or "pretty"' }).optional()),
  SMTP_POOL_SIZE: z.preprocess(empty, z.coerce.number().int().min(1).max(100).default(10)),
  PEAK_HOURS: z.preprocess(empty, peakHours.optional()),
  WEBHOOK_ALLOW_PRIVATE: z.preprocess(empty, z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("off")),
  SHUTDOWN_GRACE: z.preprocess(empty, shutdownGrace.default(5000)),
  CANDOR_ALERT_COMPONENT_LABEL: z.preprocess(
    empty,
    z
      .string()
      .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must be a Prometheus label name such as component or service")
      .default("component"),
  ),
  ...listenEnvSchema,
});

const twitterVariables = [
  "TWITTER_APP_KEY",
  "TWITTER_APP_SECRET",
  "TWITTER_ACCESS_TOKEN",
  "TWITTER_ACCESS_SECRET",
] as const;

/** OAuth 1.0a user-context credentials for the account that posts, and where X's API is. */
export type TwitterConfig = {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
  /** Without a trailing slash: https://api.x.com, or a local stand-in such as the fake X server. */
  apiUrl: string;
};

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  publicUrl: string;
  pageName: string;
  /** An http(s) image shown in the page header, with the page name as its alt text. */
  pageLogoUrl?: string;
  /** #rgb or #rrggbb (lower case) for the header accent and links; unset uses the page's calm blue. */
  pageBrandColor?: string;
  pageTimezone: string;
  /** Who may show the pages in a frame: a checked CSP frame-ancestors source list, "'self'" by default. */
  pageFrameAncestors: string;
  /** The last 90 days' promise record in public: a line on /, the /record page and a v2 field (PAGE_SHOW_RECORD). */
  pageShowRecord: boolean;
  adminToken?: string;
  /** A bearer token for GET /metrics besides keys with metrics:read, for scrapers that hold one secret (and for scrapes while the database is down). */
  metricsToken?: string;
  /** Milliseconds until the next update is due when an update promises none. */
  defaultUpdateIntervalMs: number;
  /** The log channel: on by default, optionally appending JSON lines to a file, optionally slow. */
  logChannel: { enabled: boolean; file?: string; delayMs: number };
  /** The X channel; undefined (off) without all four credentials. */
  twitter?: TwitterConfig;
  /** Email: SMTP when smtpUrl is set, otherwise .eml files in DATA_DIR/outbox. */
  mail: { smtpUrl?: string; from: string; poolSize: number };
  /** Take the client's address from X-Forwarded-For / CF-Connecting-IP (behind a proxy you run). */
  trustProxy: boolean;
  /** When maintenance should not take the service down (src/domain/peak-hours.ts); null when PEAK_HOURS is unset. */
  peakHours: PeakHours | null;
  /**
   * Webhooks may go to loopback, private, link-local and other non-public
   * addresses (WEBHOOK_ALLOW_PRIVATE=on): for local receivers and tests. Off,
   * such a URL is refused when added and again at each delivery.
   */
  webhookAllowPrivate: boolean;
  /** How long SIGTERM/SIGINT may take: fan-outs hand their rows back, in-flight sends finish, then the process exits. */
  shutdownGraceMs: number;
  /**
   * The process log: the least severe level written (access lines are
   * "info"), and JSON lines or pretty text; unset, the entry picks pretty
   * for a terminal and JSON otherwise.
   */
  log: { level: LogLevel; format?: "json" | "pretty" };
  /** Hearing customers on X (LISTEN_*, src/config-listen.ts); null when LISTEN is off. */
  listen: ListenConfig | null;
  /** The alert label that names a component's slug, unless a key or request says otherwise (CANDOR_ALERT_COMPONENT_LABEL). */
  alertComponentLabel: string;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Parses the environment once, at the entry. A bad value throws a ConfigError
 * whose message is one line naming the variable and what is wrong with it.
 *
 * @example loadConfig({ PORT: "8080" }).port // 8080
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? "environment");
    throw new ConfigError(`Invalid environment variable ${name}: ${issue.message}`);
  }
  const e = parsed.data;
  const setTwitter = twitterVariables.filter((name) => e[name]);
  if (setTwitter.length > 0 && setTwitter.length < twitterVariables.length) {
    const missing = twitterVariables.find((name) => !e[name]);
    throw new ConfigError(
      `Invalid environment variable ${missing}: must be set when ${setTwitter.join(", ")} ${setTwitter.length === 1 ? "is" : "are"} (the X channel needs all four TWITTER_* credentials)`,
    );
  }
  let listen: ListenConfig | null;
  try {
    listen = listenConfig(e, setTwitter.length === twitterVariables.length);
  } catch (err) {
    throw new ConfigError(`Invalid environment variable ${(err as Error).message}`);
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    publicUrl,
    pageName: e.PAGE_NAME,
    pageLogoUrl: e.PAGE_LOGO_URL,
    pageBrandColor: e.PAGE_BRAND_COLOR?.toLowerCase(),
    pageTimezone: e.PAGE_TIMEZONE,
    pageFrameAncestors: e.PAGE_FRAME_ANCESTORS,
    pageShowRecord: e.PAGE_SHOW_RECORD === "on",
    adminToken: e.CANDOR_ADMIN_TOKEN,
    metricsToken: e.METRICS_TOKEN,
    defaultUpdateIntervalMs: e.DEFAULT_UPDATE_INTERVAL,
    logChannel: { enabled: e.LOG_CHANNEL === "on", file: e.LOG_CHANNEL_FILE, delayMs: e.LOG_CHANNEL_DELAY_MS },
    trustProxy: e.TRUST_PROXY === "on",
    peakHours: e.PEAK_HOURS ?? null,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE === "on",
    shutdownGraceMs: e.SHUTDOWN_GRACE,
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    listen,
    alertComponentLabel: e.CANDOR_ALERT_COMPONENT_LABEL,
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM ?? `"${e.PAGE_NAME.replaceAll('"', "")}" <status@${new URL(publicUrl).hostname}>`,
      poolSize: e.SMTP_POOL_SIZE,
    },
    twitter:
      setTwitter.length === twitterVariables.length
        ? {
            appKey: e.TWITTER_APP_KEY as string,
            appSecret: e.TWITTER_APP_SECRET as string,
            accessToken: e.TWITTER_ACCESS_TOKEN as string,
            accessSecret: e.TWITTER_ACCESS_SECRET as string,
            apiUrl: e.TWITTER_API_URL.replace(/\/+$/, ""),
          }
        : undefined,
  };
}
