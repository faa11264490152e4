import { describe, expect, it } from "vitest";
import { maintenanceCard } from "../../../src/render/views/maintenance-card.ts";
import { at, summary } from "./fixtures.ts";

const window = { scheduledFor: at("2026-11-23T09:30:00Z"), scheduledUntil: at("2026-11-23T10:30:00Z") };
const latestUpdate = {
  id: "upd_1",
  incidentId: "mnt_1",
  seq: 2,
  status: "in_progress",
  impact: "none",
  body: "The work has started.",
  promise: "We expect to finish by 10:30 UTC.",
  eta: window.scheduledUntil,
  nextUpdateDueAt: window.scheduledUntil,
  author: "candor",
  kind: "started",
  componentChanges: {},
  notify: { email: true, webhook: true, twitter: true },
  createdAt: at("2026-11-23T09:30:00Z"),
  // biome-ignore lint/suspicious/noExplicitAny: only the fields the card reads matter here
} as any;
const running = summary({
  id: "mnt_1",
  kind: "maintenance",
  title: "Database upgrade",
  status: "in_progress",
  impact: "none",
  startedAt: window.scheduledFor,
  eta: window.scheduledUntil,
  nextUpdateDueAt: window.scheduledUntil,
  components: [{ id: "cmp_db", slug: "db", name: "Database", status: "under_maintenance" }],
  latestUpdate,
  ...window,
});

describe("a maintenance card", () => {
  it("Should show the window and the latest word with its promise while the work is within its window", () => {
    const card = maintenanceCard(running, [], at("2026-11-23T10:00:00Z"), "UTC");
    expect(card.overrun).toBeNull();
    expect(card.statusLabel).toBe("Maintenance in progress");
    expect(card.components).toEqual(["Database"]);
    expect(card.latest).toMatchObject({
      promise: "We expect to finish by 10:30 UTC.",
      kind: "Automatic: the work started",
    });
    expect(card.ends).toEqual({ iso: "2026-11-23T10:30:00.000Z", text: "10:30 UTC", withDate: false });
  });

  it("Should say plainly that the work runs past its planned end, in place of the passed promise", () => {
    const card = maintenanceCard(running, [], at("2026-11-23T12:17:00Z"), "UTC");
    expect(card.overrun).toEqual({
      maintenance: true,
      missed: {
        eta: { iso: "2026-11-23T10:30:00.000Z", text: "10:30 UTC", withDate: false },
        ago: "1 hour 47 minutes",
      },
    });
    expect(card.latest?.promise).toBeNull();
  });

  it("Should tell no overrun before the work starts, even past its window", () => {
    const scheduled = { ...running, status: "scheduled" };
    expect(maintenanceCard(scheduled, [], at("2026-11-23T12:17:00Z"), "UTC").overrun).toBeNull();
  });
});
