import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import type { IncidentDetail, IncidentUpdate } from "../../../src/db/models.ts";
import { incidentCard } from "../../../src/render/views/incident-card.ts";
import { incidentPageView } from "../../../src/render/views/incident-page.ts";
import { at, summary } from "./fixtures.ts";

const config = loadConfig({ PUBLIC_URL: "http://status.test" });
const now = at("2026-11-23T12:00:00Z");

function update(over: Partial<IncidentUpdate>): IncidentUpdate {
  return {
    id: "upd_1",
    incidentId: "inc_1",
    seq: 1,
    status: "investigating",
    impact: "major",
    body: "Down.",
    promise: null,
    eta: null,
    nextUpdateDueAt: null,
    author: "test",
    kind: "manual",
    componentChanges: {},
    notify: { twitter: true, email: true, webhook: true },
    promiseOutcome: null,
    lateBySeconds: null,
    tweet: null,
    tweetId: null,
    createdAt: at("2026-11-23T10:00:00Z"),
    editedAt: null,
    hiddenAt: null,
    ...over,
  };
}

const detail = (updates: IncidentUpdate[], over: Partial<IncidentDetail> = {}): IncidentDetail =>
  ({
    ...summary({ titleEditedAt: null, recordedAt: null }),
    updates,
    etaRevisions: [],
    promises: {
      eta: { made: 0, met: 0, missed: 0, pending: 0 },
      nextUpdate: { made: 0, keptByEngineers: 0, keptByMachine: 0, missed: 0, pending: 0 },
    },
    ...over,
  }) as IncidentDetail;

describe("corrections on the pages", () => {
  it("Should leave hidden updates off the incident page and mark edited ones with the time of the edit", () => {
    const view = incidentPageView(
      detail([
        update({ id: "upd_3", seq: 3, body: "Fixed.", editedAt: at("2026-11-23T11:30:00Z") }),
        update({ id: "upd_2", seq: 2, body: "Secret.", hiddenAt: at("2026-11-23T11:00:00Z") }),
        update({}),
      ]),
      now,
      config,
    );
    expect(view.incident.updates.map((u) => [u.message, u.edited?.text ?? null])).toEqual([
      ["Fixed.", "11:30 UTC"],
      ["Down.", null],
    ]);
  });

  it("Should say when a title was corrected, and that a backfill was recorded afterwards", () => {
    const view = incidentPageView(
      detail([update({})], { titleEditedAt: at("2026-11-23T11:00:00Z"), recordedAt: at("2026-11-24T09:00:00Z") }),
      now,
      config,
    );
    expect(view.incident.titleEdited?.iso).toBe("2026-11-23T11:00:00.000Z");
    expect(view.incident.recorded?.text).toBe("24 Nov 2026, 09:00 UTC");
  });

  it("Should mark the card's latest word when it was edited", () => {
    const card = incidentCard(
      summary({ latestUpdate: update({ editedAt: at("2026-11-23T11:45:00Z") }) }),
      [],
      now,
      "UTC",
    );
    expect(card.latest?.edited?.text).toBe("11:45 UTC");
    expect(card.titleEdited).toBeNull();
  });
});
