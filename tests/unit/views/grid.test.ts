import { describe, expect, it } from "vitest";
import type { ComponentTouch } from "../../../src/render/views/component-days.ts";
import { dayGrid } from "../../../src/render/views/day-grid.ts";
import { at } from "./fixtures.ts";

const now = at("2026-11-23T12:00:00Z");
const days = ["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"];
const api = { id: "cmp_api", slug: "api", name: "API", status: "operational", groupName: "Core" };
const db = { id: "cmp_db", slug: "db", name: "Database", status: "partial_outage", groupName: "Core" };
const docs = { id: "cmp_docs", slug: "docs", name: "Docs", status: "operational", groupName: null };

const touch = (over: Partial<ComponentTouch>): ComponentTouch => ({
  componentId: "cmp_api",
  id: "inc_1",
  title: "Incident",
  impact: "minor",
  startedAt: at("2026-11-20T09:00:00Z"),
  resolvedAt: at("2026-11-20T10:00:00Z"),
  ...over,
});

describe("the 90-day grid", () => {
  const touches = [
    touch({ id: "inc_b", title: "Critical", impact: "critical", startedAt: at("2026-11-20T15:00:00Z") }),
    touch({ id: "inc_a", title: "Minor", impact: "minor" }),
    touch({
      componentId: "cmp_db",
      id: "inc_c",
      title: "Overnight",
      impact: "major",
      startedAt: at("2026-11-21T22:00:00Z"),
      resolvedAt: at("2026-11-22T02:00:00Z"),
    }),
    touch({
      componentId: "cmp_db",
      id: "inc_d",
      title: "Open",
      startedAt: at("2026-11-23T08:00:00Z"),
      resolvedAt: null,
    }),
  ];
  const grid = dayGrid([docs, api, db], { days, touches }, now, "UTC");
  // biome-ignore lint/suspicious/noExplicitAny: the grid's rows are template data
  const row = (g: number, c: number) => grid.groups[g].components[c] as any;

  it("Should colour a day by its worst impact and name its incidents in the order they began", () => {
    expect(row(1, 0).cells[0]).toEqual({
      level: 3,
      label: "20 Nov 2026: Major outage, 2 incidents",
      incidents: [
        { id: "inc_a", title: "Minor" },
        { id: "inc_b", title: "Critical" },
      ],
    });
    expect(row(1, 0).cells.slice(1)).toEqual([{}, {}, {}]);
  });

  it("Should mark every day an incident touched, up to today for an open one", () => {
    expect(row(1, 1).cells.map((c: { level?: number }) => c.level)).toEqual([undefined, 2, 2, 1]);
    expect(row(1, 1).cells[3].label).toBe("23 Nov 2026 (today): Minor impact, 1 incident");
  });

  it("Should group components by group name in display order, with their status words", () => {
    expect(grid.groups.map((g) => [g.name, g.components.length])).toEqual([
      [null, 1],
      ["Core", 2],
    ]);
    expect(row(1, 1)).toMatchObject({ slug: "db", statusLabel: "Partial outage", icon: "◆" });
    expect(grid.range).toEqual({ from: "20 Nov 2026", to: "23 Nov 2026" });
    expect(grid.dayRules[0]).toEqual({ n: 2, label: "20 Nov 2026" });
  });
});
