import { describe, expect, it } from "vitest";
import { impactViews, maintenanceMark, statusView } from "../../../src/render/views/status.ts";
import { kindLabel } from "../../../src/render/views/update-kinds.ts";

describe("status words and shapes", () => {
  it("Should give every component status a word and a shape, so nothing is told by colour alone", () => {
    expect(
      ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"].map(statusView),
    ).toEqual([
      { status: "operational", statusLabel: "Operational", icon: "✓" },
      { status: "degraded_performance", statusLabel: "Degraded performance", icon: "▲" },
      { status: "partial_outage", statusLabel: "Partial outage", icon: "◆" },
      { status: "major_outage", statusLabel: "Major outage", icon: "✕" },
      { status: "under_maintenance", statusLabel: "Under maintenance", icon: "◷" },
    ]);
  });

  it("Should pass an unknown status through as its own word, with no shape", () => {
    expect(statusView("on_fire")).toEqual({ status: "on_fire", statusLabel: "on_fire", icon: "" });
  });

  it("Should word impacts as the component statuses they stand for, and mark maintenance apart", () => {
    expect(impactViews.major).toEqual({ label: "Partial outage", cls: "s-partial_outage", icon: "◆" });
    expect(impactViews.none).toEqual({ label: "No impact", cls: "muted", icon: "○" });
    expect(maintenanceMark).toEqual({ label: "Maintenance", cls: "s-under_maintenance", icon: "◷" });
  });

  it("Should say who posted an update, worded for planned work when it is a maintenance", () => {
    expect(kindLabel("eta_missed", false)).toBe("Automatic: our estimate passed");
    expect(kindLabel("eta_missed", true)).toBe("Automatic: past its planned end");
    expect(kindLabel("manual", true)).toBe("By the team");
    expect(kindLabel("something_new", false)).toBe("something_new");
  });
});
