import { describe, expect, it } from "vitest";
import type { CandorEvent } from "../../src/lib/events.ts";
import { errorFields, type Logger, logEvents, logSafe } from "../../src/lib/log.ts";

/** A logger that keeps what it was given, by level. */
function capture() {
  const lines: { level: string; fields: Record<string, unknown>; message?: string }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message?: string) =>
    void lines.push({ level, fields, message });
  const log: Logger = {
    trace: at("trace"),
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    fatal: at("fatal"),
    isLevelEnabled: () => true,
  };
  return { log, lines };
}

describe("logSafe", () => {
  it("Should blank URLs with their credentials and email addresses, and leave other words", () => {
    expect(logSafe("550 5.1.1 <Bob.Smith+x@mail.example.co.uk>: no such user")).toBe(
      "550 5.1.1 <[email]>: no such user",
    );
    expect(logSafe("connect to smtp://candor:hunter2@127.0.0.1:2525 refused")).toBe("connect to [url] refused");
    expect(logSafe("POST https://hooks.example.com/T0/SECRET?token=abc failed: 500")).toBe("POST [url] failed: 500");
    expect(logSafe("X answered 429 at 12:00; retry after 900 s")).toBe("X answered 429 at 12:00; retry after 900 s");
  });

  it("Should give an error's code and a blanked message as fields", () => {
    const err = Object.assign(new Error("getaddrinfo ENOTFOUND mx for ops@example.com"), { code: "ENOTFOUND" });
    expect(errorFields(err)).toEqual({ error: "getaddrinfo ENOTFOUND mx for [email]", code: "ENOTFOUND" });
    expect(errorFields("plain words")).toEqual({ error: "plain words" });
  });
});

describe("logEvents", () => {
  const row = { channel: "email", rowId: 7 };
  it.each<[CandorEvent, string, RegExp]>([
    [{ event: "delivery.claimed", ...row, topic: "update", attempt: 1 }, "info", /^delivery claimed$/],
    [{ event: "delivery.delivered", ...row, ms: 12 }, "info", /^delivered$/],
    [{ event: "delivery.paused", ...row }, "info", /paused/],
    [
      { event: "delivery.retried", ...row, attempt: 2, reason: "SMTP: 421 try later", retryAt: new Date(0) },
      "warn",
      /^delivery failed, retrying: SMTP: 421 try later$/,
    ],
    [{ event: "delivery.dead", ...row, attempt: 8, reason: "SMTP: 554" }, "error", /dead/],
    [
      {
        event: "promise.settled",
        incidentId: "inc_1",
        by: "machine",
        kind: "holding",
        outcome: "kept_by_machine",
        lateSeconds: 3,
      },
      "info",
      /kept by the machine/,
    ],
    [
      {
        event: "promise.settled",
        incidentId: "inc_1",
        by: "engineer",
        kind: "manual",
        outcome: "missed",
        lateSeconds: 600,
      },
      "warn",
      /missed: the next update went out 600 s late/,
    ],
    [{ event: "channel.health", channel: "twitter", healthy: false, reason: "X answered 401" }, "error", /unhealthy/],
    [{ event: "channel.health", channel: "twitter", healthy: true }, "info", /recovered/],
  ])("Should write %o at the level that says whether anyone should look", (event, level, message) => {
    const { log, lines } = capture();
    logEvents(log)(event);
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe(level);
    expect(lines[0].message).toMatch(message);
    expect(lines[0].fields).toMatchObject({ event: event.event });
  });

  it("Should blank addresses and URLs in a failure's reason, in the fields and in the words", () => {
    const { log, lines } = capture();
    const reason = "SMTP refused <ann@example.org> via smtp://u:pw@mx.example.org";
    logEvents(log)({ event: "delivery.dead", channel: "email", rowId: 1, attempt: 8, reason });
    logEvents(log)({ event: "channel.health", channel: "email", healthy: false, reason });
    for (const line of lines) {
      const written = JSON.stringify(line);
      expect(written).not.toContain("ann@example.org");
      expect(written).not.toContain("pw@");
      expect(written).toContain("[email]");
    }
  });
});
