import type { Impact } from "../domain/components.ts";
import { type IncidentStatus, incidentStatuses, openStatuses } from "../domain/incidents.ts";
import { ok } from "./client.ts";
import { confirmDraft, updateBody } from "./confirm-post.ts";
import type { components } from "./generated/api.ts";
import {
  askComponents,
  askEta,
  askImpact,
  askNextUpdate,
  askStatus,
  askText,
  type InputSession,
} from "./incident-input.ts";
import { postedLines } from "./incident-print.ts";
import { zones } from "./page-zone.ts";
import { choose, intro } from "./prompts.ts";
import type { Session } from "./session.ts";
import { applyTemplate } from "./template-fields.ts";
import { countdown } from "./time-input.ts";

type Incident = components["schemas"]["Incident"];
type UpdateSession = InputSession & Pick<Session<unknown>, "positionals" | "print">;

/** The incident named on the command line, or at a terminal one picked from the open ones. */
async function pickIncident(s: UpdateSession): Promise<string> {
  const [id, ...extra] = s.positionals;
  if (extra.length) throw s.usage('give one incident id; quote the message (--message "...")');
  if (id) return id;
  if (!s.interactive) throw s.usage("<incident-id> is required without a terminal (see `candor status`)");
  const open = await ok(s.api().GET("/api/v1/incidents", { params: { query: { state: "open", limit: 50 } } }));
  if (open.data.length === 0) throw s.usage("no incident is open (declare one with `candor declare`)");
  const now = s.io.now();
  return choose(
    "Which incident?",
    open.data.map((i) => ({
      value: i.id,
      label: i.title,
      hint: `${i.id}, ${i.status}, since ${countdown(new Date(i.started_at), now)}`,
    })),
  );
}

/** What each command decides itself; the rest is asked for, or taken from flags. */
export type UpdateMode = {
  verb: string;
  /** Fixed by the command (resolve); otherwise asked for among the open statuses. */
  status?: IncidentStatus;
  /** Ask for the ETA at a terminal (update and eta do; resolve has none). */
  asksEta: boolean;
  /** Ask for the status and impact at a terminal (update does). */
  asksAll: boolean;
};

/**
 * Posts an update to an open incident: `update`, `eta` and `resolve` differ
 * in what they ask. The preview words it as the server will, from the
 * incident as it stands (its status, ETA and ledger).
 */
export async function postUpdate(s: UpdateSession, mode: UpdateMode): Promise<void> {
  const z = await zones(s);
  const id = await pickIncident(s);
  if (s.values.template) await applyTemplate(s, s.values.template);
  const incident: Incident = (await ok(s.api().GET("/api/v1/incidents/{id}", { params: { path: { id } } }))).data;
  if (s.interactive) intro(`${mode.verb}: ${incident.title}`);
  const status =
    mode.status ??
    (mode.asksAll
      ? await askStatus(
          s,
          s.interactive ? openStatuses : incidentStatuses,
          incident.status === "resolved" ? undefined : incident.status,
        )
      : await askStatus(s, incidentStatuses, incident.status));
  const components = await askComponents(s, false);
  const impact: Impact | undefined = mode.asksAll ? await askImpact(s) : (s.values.impact as Impact | undefined);
  const message = await askText(s, "message", s.values.message, "Message (what customers are told)");
  const eta = mode.asksEta
    ? await askEta(s, z, incident.eta ? new Date(incident.eta) : null, true, { incident: id })
    : undefined;
  // Always asked at a terminal (with 30m filled in): the preview must say the time the server will promise.
  const { at: nextUpdateAt, ...next } = status === "resolved" ? { at: undefined } : await askNextUpdate(s, z);
  const now = s.io.now();
  const missed = incident.eta_revisions
    .filter((r) => r.outcome === "missed" && r.eta)
    .map((r) => new Date(r.eta as string))
    .concat(incident.eta && new Date(incident.eta) <= now ? [new Date(incident.eta)] : []);
  const fields = { status, impact, message, components, eta, next, nextUpdateAt };
  // The card shows every component the incident affects: those this update leaves alone keep their
  // status, or go back to operational when it resolves (unless another open incident holds them).
  const kept = incident.components.map((c) => [c.slug, status === "resolved" ? "operational" : c.status] as const);
  await confirmDraft(s, {
    ...fields,
    cardComponents: { ...Object.fromEntries(kept), ...components },
    page: z.page,
    incidentId: incident.id,
    first: false,
    title: incident.title,
    current: { status: incident.status, impact: incident.impact, eta: incident.eta ? new Date(incident.eta) : null },
    tweet: s.values.tweet,
    startedAt: new Date(incident.started_at),
    missedEta: missed.length ? new Date(Math.max(...missed.map((d) => d.getTime()))) : null,
  });
  const posted = await ok(
    s.api().POST("/api/v1/incidents/{id}/updates", { params: { path: { id } }, body: updateBody(s, fields) }),
  );
  s.print(posted, () =>
    postedLines(
      mode.verb === "Resolve" ? "Resolved" : "Posted to",
      posted.incident,
      z,
      s.io.now(),
      posted.data.eta_advice,
    ),
  );
}
