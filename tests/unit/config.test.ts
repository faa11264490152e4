import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { parsePeakHours } from "../../src/domain/peak-hours/index.ts";

/** Runs loadConfig expecting a ConfigError, and returns its message. */
function configError(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).name).toBe("ConfigError");
    return (error as ConfigError).message;
  }
  throw new Error("loadConfig did not throw");
}

describe("loadConfig", () => {
  describe("Defaults", () => {
    it("Should use the documented defaults for an empty environment", () => {
      expect(loadConfig({})).toEqual({
        port: 3000,
        host: "0.0.0.0",
        databaseUrl: undefined,
        dataDir: "./data",
        publicUrl: "http://localhost:3000",
        pageName: "Status",
        pageTimezone: "UTC",
        pageFrameAncestors: "'self'",
        pageShowRecord: false,
        adminToken: undefined,
        defaultUpdateIntervalMs: 1_800_000,
        logChannel: { enabled: true, file: undefined, delayMs: 0 },
        log: { level: "info", format: undefined },
        twitter: undefined,
        trustProxy: false,
        peakHours: null,
        webhookAllowPrivate: false,
        shutdownGraceMs: 5000,
        alertComponentLabel: "component",
        mail: { smtpUrl: undefined, from: '"Status" <status@localhost>', poolSize: 10 },
        listen: null,
      });
    });

    it("Should treat empty strings as unset", () => {
      const config = loadConfig({
        PORT: "",
        HOST: "",
        DATABASE_URL: "",
        DATA_DIR: "",
        PUBLIC_URL: "",
        PAGE_NAME: "",
        PAGE_TIMEZONE: "",
        PAGE_FRAME_ANCESTORS: "",
        PAGE_SHOW_RECORD: "",
        CANDOR_ADMIN_TOKEN: "",
        METRICS_TOKEN: "",
        DEFAULT_UPDATE_INTERVAL: "",
      });
      expect(config).toEqual(loadConfig({}));
    });

    it("Should treat blank strings as unset, so PORT never silently becomes 0", () => {
      const config = loadConfig({ PORT: " ", PAGE_TIMEZONE: "\t", DEFAULT_UPDATE_INTERVAL: "  " });
      expect(config).toEqual(loadConfig({}));
      expect(config.port).toBe(3000);
    });

    it("Should treat undefined values as unset", () => {
      expect(loadConfig({ PORT: undefined, PAGE_TIMEZONE: undefined })).toEqual(loadConfig({}));
    });

    it("Should derive the default public URL from the port", () => {
      expect(loadConfig({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    });

    it("Should ignore variables it does not know", () => {
      expect(loadConfig({ HOME: "/root", NODE_ENV: "production" })).toEqual(loadConfig({}));
    });
  });

  describe("Given values", () => {
    it("Should read every variable", () => {
      expect(
        loadConfig({
          PORT: "8080",
          HOST: "127.0.0.1",
          DATABASE_URL: "postgres://candor:secret@db:5432/candor",
          DATA_DIR: "/var/lib/candor",
          PUBLIC_URL: "https://status.example.com",
          PAGE_NAME: "Example Status",
          PAGE_TIMEZONE: "Europe/London",
          PAGE_FRAME_ANCESTORS: "'self' https://intranet.example.com",
          PAGE_SHOW_RECORD: "on",
          CANDOR_ADMIN_TOKEN: "0123456789abcdef",
          METRICS_TOKEN: "metrics-0123456789",
          DEFAULT_UPDATE_INTERVAL: "PT15M",
          LOG_CHANNEL: "off",
          LOG_CHANNEL_FILE: "/tmp/log-channel.jsonl",
          LOG_CHANNEL_DELAY_MS: "250",
          SMTP_URL: "smtp://mailer:secret@smtp.example.com:587",
          MAIL_FROM: "Example Status <status@example.com>",
          SMTP_POOL_SIZE: "20",
          TRUST_PROXY: "on",
          PEAK_HOURS: "Mon-Fri 08:00-20:00 Europe/London",
          WEBHOOK_ALLOW_PRIVATE: "on",
          SHUTDOWN_GRACE: "PT20S",
          CANDOR_ALERT_COMPONENT_LABEL: "service",
        }),
      ).toEqual({
        port: 8080,
        host: "127.0.0.1",
        databaseUrl: "postgres://candor:secret@db:5432/candor",
        dataDir: "/var/lib/candor",
        publicUrl: "https://status.example.com",
        pageName: "Example Status",
        pageTimezone: "Europe/London",
        pageFrameAncestors: "'self' https://intranet.example.com",
        pageShowRecord: true,
        adminToken: "0123456789abcdef",
        metricsToken: "metrics-0123456789",
        defaultUpdateIntervalMs: 900_000,
        logChannel: { enabled: false, file: "/tmp/log-channel.jsonl", delayMs: 250 },
        log: { level: "info", format: undefined },
        twitter: undefined,
        trustProxy: true,
        peakHours: parsePeakHours("Mon-Fri 08:00-20:00 Europe/London"),
        webhookAllowPrivate: true,
        shutdownGraceMs: 20_000,
        alertComponentLabel: "service",
        mail: {
          smtpUrl: "smtp://mailer:secret@smtp.example.com:587",
          from: "Example Status <status@example.com>",
          poolSize: 20,
        },
        listen: null,
      });
    });

    it("Should strip trailing slashes from PUBLIC_URL", () => {
      expect(loadConfig({ PUBLIC_URL: "https://status.example.com/" }).publicUrl).toBe("https://status.example.com");
      expect(loadConfig({ PUBLIC_URL: "https://example.com/status//" }).publicUrl).toBe("https://example.com/status");
    });

    it("Should accept a postgresql:// DATABASE_URL", () => {
      expect(loadConfig({ DATABASE_URL: "postgresql://localhost/candor" }).databaseUrl).toBe(
        "postgresql://localhost/candor",
      );
    });

    it("Should accept PORT 0 and 65535", () => {
      expect(loadConfig({ PORT: "0" }).port).toBe(0);
      expect(loadConfig({ PORT: "65535" }).port).toBe(65535);
    });

    it("Should accept DEFAULT_UPDATE_INTERVAL at PT1M and PT24H", () => {
      expect(loadConfig({ DEFAULT_UPDATE_INTERVAL: "PT1M" }).defaultUpdateIntervalMs).toBe(60_000);
      expect(loadConfig({ DEFAULT_UPDATE_INTERVAL: "PT24H" }).defaultUpdateIntervalMs).toBe(86_400_000);
      expect(loadConfig({ DEFAULT_UPDATE_INTERVAL: "P1D" }).defaultUpdateIntervalMs).toBe(86_400_000);
    });

    it("Should refuse private webhook addresses unless WEBHOOK_ALLOW_PRIVATE is on", () => {
      expect(loadConfig({}).webhookAllowPrivate).toBe(false);
      expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: "off" }).webhookAllowPrivate).toBe(false);
      expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: " " }).webhookAllowPrivate).toBe(false);
      expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: "on" }).webhookAllowPrivate).toBe(true);
      expect(configError({ WEBHOOK_ALLOW_PRIVATE: "yes" })).toBe(
        'Invalid environment variable WEBHOOK_ALLOW_PRIVATE: must be "on" or "off"',
      );
    });

    it("Should keep the record out of public unless PAGE_SHOW_RECORD is on", () => {
      expect(loadConfig({}).pageShowRecord).toBe(false);
      expect(loadConfig({ PAGE_SHOW_RECORD: "off" }).pageShowRecord).toBe(false);
      expect(loadConfig({ PAGE_SHOW_RECORD: "on" }).pageShowRecord).toBe(true);
      expect(configError({ PAGE_SHOW_RECORD: "true" })).toBe(
        'Invalid environment variable PAGE_SHOW_RECORD: must be "on" or "off"',
      );
    });

    it("Should read SHUTDOWN_GRACE as an ISO 8601 duration from PT1S to PT5M", () => {
      expect(loadConfig({ SHUTDOWN_GRACE: "PT1S" }).shutdownGraceMs).toBe(1000);
      expect(loadConfig({ SHUTDOWN_GRACE: "PT2.5S" }).shutdownGraceMs).toBe(2500);
      expect(loadConfig({ SHUTDOWN_GRACE: "PT25S" }).shutdownGraceMs).toBe(25_000);
      expect(loadConfig({ SHUTDOWN_GRACE: "PT5M" }).shutdownGraceMs).toBe(300_000);
      expect(loadConfig({ SHUTDOWN_GRACE: " " }).shutdownGraceMs).toBe(5000);
    });

    it("Should read CANDOR_ALERT_COMPONENT_LABEL as a label name", () => {
      expect(loadConfig({ CANDOR_ALERT_COMPONENT_LABEL: " " }).alertComponentLabel).toBe("component");
      expect(configError({ CANDOR_ALERT_COMPONENT_LABEL: "my-label" })).toBe(
        "Invalid environment variable CANDOR_ALERT_COMPONENT_LABEL: must be a Prometheus label name such as component or service",
      );
    });

    it("Should accept an admin token of exactly 16 characters", () => {
      expect(loadConfig({ CANDOR_ADMIN_TOKEN: "x".repeat(16) }).adminToken).toBe("x".repeat(16));
    });

    it("Should accept a PAGE_NAME of exactly 100 characters", () => {
      expect(loadConfig({ PAGE_NAME: "n".repeat(100) }).pageName).toBe("n".repeat(100));
    });
  });

  describe("Errors", () => {
    it.each([
      ["PORT", "not-a-port"],
      ["PORT", "65536"],
      ["PORT", "-1"],
      ["PORT", "80.5"],
      ["PAGE_TIMEZONE", "Mars/Olympus_Mons"],
      ["DATABASE_URL", "mysql://localhost/candor"],
      ["DATABASE_URL", "localhost:5432"],
      ["DEFAULT_UPDATE_INTERVAL", "30m"],
      ["DEFAULT_UPDATE_INTERVAL", "PT30S"],
      ["DEFAULT_UPDATE_INTERVAL", "PT25H"],
      ["DEFAULT_UPDATE_INTERVAL", "P1M"],
      ["SHUTDOWN_GRACE", "5"],
      ["SHUTDOWN_GRACE", "5s"],
      ["SHUTDOWN_GRACE", "PT0.5S"],
      ["SHUTDOWN_GRACE", "PT6M"],
      ["CANDOR_ADMIN_TOKEN", "too-short"],
      ["METRICS_TOKEN", "too-short"],
      ["PUBLIC_URL", "ftp://status.example.com"],
      ["PUBLIC_URL", "not a url"],
      ["PAGE_NAME", "n".repeat(101)],
      ["PEAK_HOURS", "Mon-Fry 08:00-20:00 Europe/London"],
      ["PEAK_HOURS", "Mon-Fri 20:00-08:00 Europe/London"],
      ["PEAK_HOURS", "weekdays"],
    ])("Should reject %s=%s with a one-line ConfigError naming the variable", (name, value) => {
      const message = configError({ [name]: value });
      expect(message).not.toMatch(/[\r\n]/);
      expect(message.startsWith(`Invalid environment variable ${name}: `)).toBe(true);
    });

    it("Should say what is wrong with the value", () => {
      expect(configError({ PAGE_TIMEZONE: "Nowhere/Special" })).toBe(
        "Invalid environment variable PAGE_TIMEZONE: must be an IANA time zone such as Europe/London",
      );
      expect(configError({ DATABASE_URL: "mysql://x" })).toBe(
        "Invalid environment variable DATABASE_URL: must start with postgres:// or postgresql://",
      );
      expect(configError({ CANDOR_ADMIN_TOKEN: "short" })).toBe(
        "Invalid environment variable CANDOR_ADMIN_TOKEN: must be at least 16 characters",
      );
      expect(configError({ SHUTDOWN_GRACE: "5s" })).toBe(
        'Invalid environment variable SHUTDOWN_GRACE: must be an ISO 8601 duration between PT1S and PT5M, such as PT10S (got "5s")',
      );
      expect(configError({ DEFAULT_UPDATE_INTERVAL: "30m" })).toBe(
        'Invalid environment variable DEFAULT_UPDATE_INTERVAL: must be an ISO 8601 duration between PT1M and PT24H, such as PT30M (got "30m")',
      );
    });

    it("Should keep the message on one line when the bad value has a line break", () => {
      const message = configError({ DEFAULT_UPDATE_INTERVAL: "PT30M\r\nPT1H" });
      expect(message).not.toMatch(/[\r\n]/);
      expect(message).toMatch(/^Invalid environment variable DEFAULT_UPDATE_INTERVAL: /);
    });

    it("Should show a stray carriage return from a CRLF .env file as an escape", () => {
      expect(configError({ DEFAULT_UPDATE_INTERVAL: "PT30M\r" })).toBe(
        'Invalid environment variable DEFAULT_UPDATE_INTERVAL: must be an ISO 8601 duration between PT1M and PT24H, such as PT30M (got "PT30M\\r")',
      );
    });

    it("Should not echo the admin token in the message", () => {
      expect(configError({ CANDOR_ADMIN_TOKEN: "hunter2secret" })).not.toContain("hunter2secret");
    });

    it("Should name the first bad variable when several are bad", () => {
      const message = configError({ PORT: "nope", PAGE_TIMEZONE: "Nowhere/Special" });
      expect(message).toMatch(/^Invalid environment variable PORT: /);
      expect(message).not.toMatch(/\n/);
    });
  });
  describe("PEAK_HOURS", () => {
    it("Should parse several rules into peakHours", () => {
      const config = loadConfig({ PEAK_HOURS: "Mon-Fri 08:00-20:00 Europe/London; Sat 10:00-14:00 Europe/London" });
      expect(config.peakHours?.rules.map((r) => r.text)).toEqual([
        "Mon-Fri 08:00-20:00 Europe/London",
        "Sat 10:00-14:00 Europe/London",
      ]);
      expect(config.peakHours?.rules[1]).toEqual({
        text: "Sat 10:00-14:00 Europe/London",
        days: [6],
        startMinute: 600,
        endMinute: 840,
        timeZone: "Europe/London",
      });
      // Nothing else changes.
      expect({ ...config, peakHours: null }).toEqual(loadConfig({}));
    });

    it("Should leave peakHours null when PEAK_HOURS is absent, empty or blank", () => {
      expect(loadConfig({}).peakHours).toBeNull();
      expect(loadConfig({ PEAK_HOURS: "" }).peakHours).toBeNull();
      expect(loadConfig({ PEAK_HOURS: " \t" }).peakHours).toBeNull();
    });

    it("Should read a value with a stray carriage return from a CRLF .env file", () => {
      expect(loadConfig({ PEAK_HOURS: "Mon-Fri 08:00-20:00 Europe/London\r" }).peakHours).toEqual(
        parsePeakHours("Mon-Fri 08:00-20:00 Europe/London"),
      );
    });

    it.each([
      ["Mon-Fry 08:00-20:00 Europe/London", '"Mon-Fry": unknown day "Fry"'],
      ["Mon-Fri 08:00-20:00 Europe/Londn", 'time zone "Europe/Londn" is unknown'],
      ["Mon-Fri 08:00-25:00 UTC", '"08:00-25:00": "25:00" is not a time (write HH:MM, from 00:00 to 24:00)'],
      [
        "Mon-Fri 08:00-20:00 Europe/London; Sat 10:00-14:00",
        '"Sat 10:00-14:00": expected days, times and a time zone separated by spaces, such as "Mon-Fri 08:00-20:00 Europe/London"',
      ],
    ])("Should stop at PEAK_HOURS=%s saying what is wrong", (value, problem) => {
      expect(configError({ PEAK_HOURS: value })).toBe(`Invalid environment variable PEAK_HOURS: ${problem}`);
    });

    it("Should keep the message on one line when the value has line breaks", () => {
      const message = configError({ PEAK_HOURS: "Mon-Fri 08:00-20:00\r\nEurope/London Sat" });
      expect(message).not.toMatch(/[\r\n]/);
      expect(message).toBe(
        'Invalid environment variable PEAK_HOURS: "Mon-Fri 08:00-20:00 Europe/London Sat": expected days, times and a time zone separated by spaces, such as "Mon-Fri 08:00-20:00 Europe/London"',
      );
    });
  });

  describe("X (TWITTER_*)", () => {
    const credentials = {
      TWITTER_APP_KEY: "app-key-value",
      TWITTER_APP_SECRET: "app-secret-value",
      TWITTER_ACCESS_TOKEN: "access-token-value",
      TWITTER_ACCESS_SECRET: "access-secret-value",
    };
    const names = Object.keys(credentials) as (keyof typeof credentials)[];

    it("Should turn X on with all four credentials, talking to https://api.x.com by default", () => {
      const config = loadConfig(credentials);
      expect(config.twitter).toEqual({
        appKey: "app-key-value",
        appSecret: "app-secret-value",
        accessToken: "access-token-value",
        accessSecret: "access-secret-value",
        apiUrl: "https://api.x.com",
      });
      // Nothing else changes.
      expect({ ...config, twitter: undefined }).toEqual(loadConfig({}));
    });

    it.each([
      ["http://127.0.0.1:4080", "http://127.0.0.1:4080"],
      ["http://127.0.0.1:4080/", "http://127.0.0.1:4080"],
      ["https://x-proxy.example.com/api//", "https://x-proxy.example.com/api"],
    ])("Should read TWITTER_API_URL=%s as %s", (given, apiUrl) => {
      expect(loadConfig({ ...credentials, TWITTER_API_URL: given }).twitter?.apiUrl).toBe(apiUrl);
    });

    it("Should leave X off (undefined) without any credentials, even with TWITTER_API_URL set", () => {
      expect(loadConfig({}).twitter).toBeUndefined();
      expect(loadConfig({ TWITTER_API_URL: "http://127.0.0.1:4080" }).twitter).toBeUndefined();
    });

    it("Should treat blank credentials as unset", () => {
      const blank = {
        TWITTER_APP_KEY: "",
        TWITTER_APP_SECRET: " ",
        TWITTER_ACCESS_TOKEN: "\t",
        TWITTER_ACCESS_SECRET: "",
      };
      expect(loadConfig(blank).twitter).toBeUndefined();
      expect(loadConfig({ ...blank, TWITTER_API_URL: " " })).toEqual(loadConfig({}));
      expect(configError({ ...credentials, TWITTER_ACCESS_TOKEN: "  " })).toMatch(
        /^Invalid environment variable TWITTER_ACCESS_TOKEN: /,
      );
    });

    it.each<[string, (keyof typeof credentials)[], string]>([
      ["only TWITTER_APP_KEY", ["TWITTER_APP_KEY"], "TWITTER_APP_SECRET"],
      ["only TWITTER_ACCESS_SECRET", ["TWITTER_ACCESS_SECRET"], "TWITTER_APP_KEY"],
      [
        "all but TWITTER_ACCESS_TOKEN",
        ["TWITTER_APP_KEY", "TWITTER_APP_SECRET", "TWITTER_ACCESS_SECRET"],
        "TWITTER_ACCESS_TOKEN",
      ],
      [
        "all but TWITTER_ACCESS_SECRET",
        ["TWITTER_APP_KEY", "TWITTER_APP_SECRET", "TWITTER_ACCESS_TOKEN"],
        "TWITTER_ACCESS_SECRET",
      ],
      ["the two access variables", ["TWITTER_ACCESS_TOKEN", "TWITTER_ACCESS_SECRET"], "TWITTER_APP_KEY"],
    ])("Should reject %s with a one-line ConfigError naming the first missing one, %s", (_name, set, missing) => {
      const env = Object.fromEntries(set.map((name) => [name, credentials[name]]));
      const message = configError(env);
      expect(message).not.toMatch(/[\r\n]/);
      expect(message.startsWith(`Invalid environment variable ${missing}: `)).toBe(true);
      // It says which are set, never their values.
      for (const name of set) expect(message).toContain(name);
      for (const value of Object.values(credentials)) expect(message).not.toContain(value);
    });

    it("Should say all four are needed", () => {
      expect(configError({ TWITTER_APP_KEY: "k" })).toBe(
        "Invalid environment variable TWITTER_APP_SECRET: must be set when TWITTER_APP_KEY is (the X channel needs all four TWITTER_* credentials)",
      );
    });

    it.each(["ftp://api.x.com", "api.x.com", "not a url"])(
      "Should reject TWITTER_API_URL=%s with a one-line ConfigError naming TWITTER_API_URL",
      (value) => {
        for (const env of [{ ...credentials, TWITTER_API_URL: value }, { TWITTER_API_URL: value }]) {
          const message = configError(env);
          expect(message).not.toMatch(/[\r\n]/);
          expect(message).toBe(
            "Invalid environment variable TWITTER_API_URL: must be an http(s) URL such as https://api.x.com",
          );
        }
      },
    );

    it("Should not take the first missing credential from the names' order in the environment", () => {
      const reversed = Object.fromEntries(
        [...names]
          .reverse()
          .slice(0, 3)
          .map((name) => [name, credentials[name]]),
      );
      expect(configError(reversed)).toMatch(/^Invalid environment variable TWITTER_APP_KEY: /);
    });
  });

  describe("PAGE_FRAME_ANCESTORS", () => {
    it.each([
      ["'none'", "'none'"],
      ["'SELF'", "'self'"],
      ["  'self'   https://intranet.example.com\t", "'self' https://intranet.example.com"],
      ["https:", "https:"],
      ["https://*.example.com:443 http://localhost:*", "https://*.example.com:443 http://localhost:*"],
      ["example.com/embed/", "example.com/embed/"],
      ["*", "*"],
    ])("Should accept %j as the source list %j", (value, expected) => {
      expect(loadConfig({ PAGE_FRAME_ANCESTORS: value }).pageFrameAncestors).toBe(expected);
    });

    it.each([
      ["self", "write 'self' with its single quotes"],
      ["'self';script-src *", "separate sources with spaces, not ; or ,"],
      ["'self',https://a.example", "separate sources with spaces, not ; or ,"],
      ["'none' 'self'", "'none' must stand alone"],
      ["'unsafe-inline'", "not 'self', a scheme"],
      ['https://exa mple.com/"x', "not 'self', a scheme"],
    ])("Should reject %j with a one-line message naming PAGE_FRAME_ANCESTORS", (value, why) => {
      const message = configError({ PAGE_FRAME_ANCESTORS: value });
      expect(message).not.toMatch(/[\r\n]/);
      expect(message.startsWith("Invalid environment variable PAGE_FRAME_ANCESTORS: ")).toBe(true);
      expect(message).toContain(why);
    });
  });
});
