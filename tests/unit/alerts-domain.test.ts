import { describe, expect, it } from "vitest";
import { alertArrival, endOf, mergeMappings, statusForSeverity } from "../../src/domain/alerts.ts";

const at = (iso: string) => new Date(iso);
const firing = {
  state: "firing" as const,
  startsAt: at("2026-11-23T12:00:00Z"),
  componentId: "c1",
  status: "major_outage",
};

describe("alert mapping", () => {
  it("Should map the usual severities, case-blind, and an unknown or missing one to degraded_performance", () => {
    const m = mergeMappings("component");
    expect(statusForSeverity(m, "critical")).toBe("major_outage");
    expect(statusForSeverity(m, "Warning")).toBe("degraded_performance");
    expect(statusForSeverity(m, "info")).toBeNull();
    expect(statusForSeverity(m, "page")).toBe("degraded_performance");
    expect(statusForSeverity(m, null)).toBe("degraded_performance");
  });

  it("Should let each layer override the one before: config, then key, then query", () => {
    const m = mergeMappings(
      "component",
      { componentLabel: "service", severities: { critical: "partial_outage", Page: "major_outage" } },
      { severities: { critical: "none" } },
    );
    expect(m.componentLabel).toBe("service");
    expect(statusForSeverity(m, "critical")).toBeNull();
    expect(statusForSeverity(m, "page")).toBe("major_outage");
    expect(mergeMappings("svc", null, {}).componentLabel).toBe("svc");
  });
});

describe("alert arrival", () => {
  it("Should take a first notification, and a changed one, as a change", () => {
    expect(alertArrival(null, firing)).toBe("change");
    expect(alertArrival(firing, { ...firing, state: "resolved" })).toBe("change");
    expect(alertArrival(firing, { ...firing, status: "degraded_performance" })).toBe("change");
    expect(alertArrival(firing, { ...firing, startsAt: at("2026-11-23T13:00:00Z") })).toBe("change");
  });

  it("Should take the same state again as a repeat", () => {
    expect(alertArrival(firing, { ...firing })).toBe("repeat");
    const resolved = { ...firing, state: "resolved" as const };
    expect(alertArrival(resolved, { ...resolved })).toBe("repeat");
  });

  it("Should take an older start, or firing after that start resolved, as out of order", () => {
    expect(alertArrival(firing, { ...firing, startsAt: at("2026-11-23T11:00:00Z"), state: "resolved" })).toBe(
      "out_of_order",
    );
    expect(alertArrival({ ...firing, state: "resolved" }, firing)).toBe("out_of_order");
  });

  it("Should read Go's zero time as no end", () => {
    expect(endOf(at("0001-01-01T00:00:00Z"))).toBeNull();
    expect(endOf(undefined)).toBeNull();
    expect(endOf(at("2026-11-23T12:05:00Z"))?.toISOString()).toBe("2026-11-23T12:05:00.000Z");
  });
});
