import type { ComponentStatus, Impact } from "../domain/components.ts";
import { type CurrentIncident, type IncidentStatus, planUpdate } from "../domain/incidents.ts";
import { AppError } from "../errors.ts";
import type { StatuspagePage } from "../render/statuspage/endpoints.ts";
import { ok } from "./client.ts";
import { Stopped } from "./errors.ts";
import { notifyFlags } from "./flags.ts";
import type { InputSession } from "./incident-input.ts";
import { formatPreview, type Preview, preview } from "./preview.ts";
import { confirm, note } from "./prompts.ts";
import { etaJson } from "./time-input.ts";

/** What `declare` and the updates send, as asked for or given as flags. */
export type UpdateFields<S extends IncidentStatus = IncidentStatus> = {
  status?: S;
  impact?: Impact;
  message: string;
  /** Undefined keeps them as they are (updates). */
  components?: Record<string, ComponentStatus>;
  /** Undefined keeps the current ETA; null is "unknown". */
  eta?: Date | null;
  /** As the API takes it: next_update_in or next_update_at. */
  next: { next_update_in?: string; next_update_at?: string };
  /** The same as a time, for the preview. */
  nextUpdateAt?: Date;
};

/** The body both POSTs share. */
export function updateBody<S extends IncidentStatus>(s: InputSession, f: UpdateFields<S>) {
  const { message, status, impact, components } = f;
  return {
    message,
    status,
    impact,
    components,
    eta: etaJson(f.eta),
    ...f.next,
    tweet: s.values.tweet,
    notify: notifyFlags(s),
    template: s.values.template,
  };
}

/** What an update will carry, as planned before it is sent. */
export type Draft = UpdateFields & {
  page: StatuspagePage;
  incidentId: string;
  first: boolean;
  title: string;
  current: CurrentIncident | null;
  tweet?: string;
  /** What the page card lists, when it is more than this update's components (an update keeps the others). */
  cardComponents?: Record<string, string>;
  startedAt: Date;
  /** At resolution: the estimate missed last, for "We missed our estimate of ... by ...". */
  missedEta: Date | null;
};

/** How long until the next update when none is given: only for the preview, which always has one at a terminal. */
const previewIntervalMs = 30 * 60_000;

/**
 * Plans the update with the server's own rule (domain/incidents.ts
 * `planUpdate`) and words it with the server's own render functions, so the
 * preview is what customers get. A plan the server would refuse throws its
 * AppError, naming the field.
 */
export function draftPreview(d: Draft, now: Date, names: Map<string, string>): Preview {
  const plan = planUpdate(
    d.current,
    {
      status: d.status,
      impact: d.impact,
      eta: d.eta,
      nextUpdateAt: d.nextUpdateAt,
      componentStatuses: Object.values(d.components ?? {}),
    },
    now,
    previewIntervalMs,
  );
  const promise = plan.resolvedAt
    ? {
        resolved: true as const,
        durationMs: now.getTime() - d.startedAt.getTime(),
        missedEta: d.missedEta,
        missedByMs: d.missedEta ? now.getTime() - d.missedEta.getTime() : null,
      }
    : {
        resolved: false as const,
        eta: plan.eta,
        previousEta: d.current?.eta ?? null,
        etaChanged: plan.etaChanged,
        nextUpdateDueAt: plan.nextUpdateDueAt as Date,
      };
  return preview({
    page: d.page,
    first: d.first,
    incidentId: d.incidentId,
    title: d.title,
    status: plan.status,
    impact: plan.impact,
    message: d.message,
    components: Object.entries(d.cardComponents ?? d.components ?? {}).map(([slug, status]) => ({
      slug,
      name: names.get(slug) ?? slug,
      status,
    })),
    promise,
    tweet: d.tweet,
    startedAt: d.startedAt,
    now,
  });
}

/**
 * At a terminal: shows what customers will get and asks to confirm; a "no"
 * stops with nothing sent. Without a terminal (or with --yes) it goes ahead.
 */
export async function confirmDraft(s: InputSession, d: Draft): Promise<void> {
  if (!s.interactive) return;
  // The card names components as the page does.
  const live = await ok(s.api().GET("/api/v1/components"));
  const names = new Map(live.data.map((c) => [c.slug, c.name]));
  let shown: Preview;
  try {
    shown = draftPreview(d, s.io.now(), names);
  } catch (err) {
    // A plan the server would refuse (an ETA that passed while the prompts were open, say).
    if (err instanceof AppError) throw s.usage(err.message);
    throw err;
  }
  note(formatPreview(shown, s.io.columns), "What customers will get");
  if (!(await confirm("Post this?"))) throw new Stopped("not posted: nothing was sent");
}
