import { describe, expect, it } from "vitest";
import {
  type ComponentStatus,
  componentStatuses,
  impactFromStatus,
  impacts,
  maxImpact,
  overallStatus,
  worstStatus,
} from "../../src/domain/components.ts";

describe("worstStatus", () => {
  it("Should be operational when there are no statuses", () => {
    expect(worstStatus([])).toBe("operational");
  });

  it("Should return the only status given", () => {
    for (const status of componentStatuses) expect(worstStatus([status])).toBe(status);
  });

  it("Should rank statuses operational < maintenance < degraded < partial < major", () => {
    const ranked: ComponentStatus[] = [
      "operational",
      "under_maintenance",
      "degraded_performance",
      "partial_outage",
      "major_outage",
    ];
    for (let i = 1; i < ranked.length; i++) {
      expect(worstStatus([ranked[i - 1], ranked[i]])).toBe(ranked[i]);
      expect(worstStatus([ranked[i], ranked[i - 1]])).toBe(ranked[i]);
    }
  });

  it("Should rank maintenance below any outage or degradation", () => {
    expect(worstStatus(["under_maintenance", "degraded_performance"])).toBe("degraded_performance");
    expect(worstStatus(["partial_outage", "under_maintenance"])).toBe("partial_outage");
    expect(worstStatus(["under_maintenance", "major_outage", "under_maintenance"])).toBe("major_outage");
  });

  it("Should rank maintenance above operational", () => {
    expect(worstStatus(["operational", "under_maintenance", "operational"])).toBe("under_maintenance");
  });

  it("Should accept any iterable, such as a Set or generator", () => {
    expect(worstStatus(new Set<ComponentStatus>(["degraded_performance", "partial_outage"]))).toBe("partial_outage");
    function* statuses(): Generator<ComponentStatus> {
      yield "operational";
      yield "major_outage";
    }
    expect(worstStatus(statuses())).toBe("major_outage");
  });
});

describe("impactFromStatus", () => {
  it.each([
    ["major_outage", "critical"],
    ["partial_outage", "major"],
    ["degraded_performance", "minor"],
    ["under_maintenance", "none"],
    ["operational", "none"],
  ] as const)("Should map %s to %s", (status, impact) => {
    expect(impactFromStatus(status)).toBe(impact);
  });
});

describe("maxImpact", () => {
  it("Should return the more severe of two impacts, in either order", () => {
    for (let i = 0; i < impacts.length; i++) {
      for (let j = 0; j < impacts.length; j++) {
        const expected = impacts[Math.max(i, j)];
        expect(maxImpact(impacts[i], impacts[j])).toBe(expected);
      }
    }
  });

  it("Should rank none < minor < major < critical", () => {
    expect(maxImpact("none", "minor")).toBe("minor");
    expect(maxImpact("major", "minor")).toBe("major");
    expect(maxImpact("critical", "major")).toBe("critical");
  });
});

describe("overallStatus", () => {
  it("Should say all systems are operational with no components and no incidents", () => {
    expect(overallStatus([], [])).toEqual({ status: "operational", label: "All Systems Operational" });
  });

  it("Should say all systems are operational when every component is", () => {
    expect(overallStatus(["operational", "operational"], [])).toEqual({
      status: "operational",
      label: "All Systems Operational",
    });
  });

  it.each([
    ["degraded_performance", "Degraded Performance"],
    ["partial_outage", "Partial Outage"],
    ["major_outage", "Major Outage"],
    ["under_maintenance", "Under Maintenance"],
  ] as const)("Should label a page whose worst component is %s as %s", (status, label) => {
    expect(overallStatus(["operational", status], [])).toEqual({ status, label });
  });

  it("Should show the worst component, with maintenance outranked by an outage", () => {
    expect(overallStatus(["under_maintenance", "partial_outage", "operational"], [])).toEqual({
      status: "partial_outage",
      label: "Partial Outage",
    });
  });

  it.each([
    ["minor", "degraded_performance", "Degraded Performance"],
    ["major", "partial_outage", "Partial Outage"],
    ["critical", "major_outage", "Major Outage"],
  ] as const)("Should raise the banner for an open %s incident that names no component", (impact, status, label) => {
    expect(overallStatus(["operational"], [impact])).toEqual({ status, label });
  });

  it("Should not raise the banner for an open incident with no impact", () => {
    expect(overallStatus(["operational"], ["none"])).toEqual({
      status: "operational",
      label: "All Systems Operational",
    });
  });

  it("Should never show the page better than its worst component because of a milder incident", () => {
    expect(overallStatus(["major_outage"], ["minor"])).toEqual({ status: "major_outage", label: "Major Outage" });
  });

  it("Should let an incident's impact outrank maintenance", () => {
    expect(overallStatus(["under_maintenance"], ["minor"])).toEqual({
      status: "degraded_performance",
      label: "Degraded Performance",
    });
  });

  it("Should take the worst of several open incidents", () => {
    expect(overallStatus([], ["minor", "critical", "major"])).toEqual({
      status: "major_outage",
      label: "Major Outage",
    });
  });
});
