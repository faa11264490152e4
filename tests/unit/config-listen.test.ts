import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

const x = {
  TWITTER_APP_KEY: "app-key",
  TWITTER_APP_SECRET: "app-secret",
  TWITTER_ACCESS_TOKEN: "access-token",
  TWITTER_ACCESS_SECRET: "access-secret",
};

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("loadConfig did not throw");
}

describe("the LISTEN_* configuration", () => {
  it("Should be off by default, and off with LISTEN=off whatever else is set", () => {
    expect(loadConfig({}).listen).toBeNull();
    expect(loadConfig({ ...x, LISTEN: "off", LISTEN_MENTIONS_EVERY: "PT5M" }).listen).toBeNull();
  });

  it("Should use the documented defaults for mentions and search", () => {
    const listen = loadConfig({ ...x, LISTEN: "mentions,search", LISTEN_QUERY: '"acme down" OR @acme' }).listen;
    expect(listen).toEqual({
      mentions: { everyMs: 60_000 },
      search: { everyMs: 120_000, query: '"acme down" OR @acme', maxPages: 3, dailyReads: 2000 },
      retentionMs: 30 * 86_400_000,
      spike: { windowMs: 600_000, minAuthors: 5, factor: 3, cooldownMs: 1_800_000 },
      alert: null,
      autoAck: null,
    });
  });

  it("Should accept the sources in either order and any case", () => {
    const listen = loadConfig({ ...x, LISTEN: "Search, mentions", LISTEN_QUERY: "acme" }).listen;
    expect(listen?.search?.query).toBe("acme");
    expect(loadConfig({ ...x, LISTEN: "mentions" }).listen?.search).toBeNull();
  });

  it("Should name the variable of every combination that cannot work", () => {
    expect(configError({ LISTEN: "mentions" })).toMatch(
      /^Invalid environment variable LISTEN: needs the four TWITTER_/,
    );
    expect(configError({ ...x, LISTEN: "search" })).toMatch(
      /^Invalid environment variable LISTEN: must be off, mentions/,
    );
    expect(configError({ ...x, LISTEN: "mentions,search" })).toMatch(
      /^Invalid environment variable LISTEN_QUERY: must be set/,
    );
    expect(configError({ ...x, LISTEN_AUTO_ACK: "on" })).toMatch(
      /^Invalid environment variable LISTEN_AUTO_ACK: needs LISTEN=mentions/,
    );
    expect(configError({ ...x, LISTEN: "mentions", LISTEN_AUTO_ACK: "on" })).toMatch(
      /^Invalid environment variable LISTEN_ACK_CONTACT: must be set/,
    );
    expect(configError({ ...x, LISTEN: "mentions", LISTEN_MENTIONS_EVERY: "PT5S" })).toMatch(
      /^Invalid environment variable LISTEN_MENTIONS_EVERY: must be an ISO 8601 duration between PT15S and PT1H/,
    );
    expect(configError({ ...x, LISTEN: "mentions", LISTEN_MAX_PAGES: "11" })).toMatch(
      /^Invalid environment variable LISTEN_MAX_PAGES/,
    );
    expect(configError({ ...x, LISTEN: "mentions", LISTEN_ALERT_WEBHOOK_URL: "ftp://x" })).toMatch(
      /^Invalid environment variable LISTEN_ALERT_WEBHOOK_URL: must be an http\(s\) URL/,
    );
  });

  it("Should refuse a search query X would refuse, naming LISTEN_QUERY", () => {
    expect(configError({ ...x, LISTEN: "mentions,search", LISTEN_QUERY: "a".repeat(513) })).toMatch(
      /^Invalid environment variable LISTEN_QUERY: /,
    );
  });

  it("Should carry the acknowledgement and alert settings when they are on", () => {
    const listen = loadConfig({
      ...x,
      LISTEN: "mentions",
      LISTEN_AUTO_ACK: "on",
      LISTEN_ACK_CONTACT: "support@example.com",
      LISTEN_ACK_PER_15M: "4",
      LISTEN_ALERT_WEBHOOK_URL: "https://ops.example.com/hooks/candor",
      LISTEN_ALERT_WEBHOOK_SECRET: "0123456789abcdef0123",
      LISTEN_SPIKE_FACTOR: "2.5",
    }).listen;
    expect(listen?.autoAck).toEqual({ perFifteenMinutes: 4, contact: "support@example.com" });
    expect(listen?.alert).toEqual({ url: "https://ops.example.com/hooks/candor", secret: "0123456789abcdef0123" });
    expect(listen?.spike.factor).toBe(2.5);
  });
});
