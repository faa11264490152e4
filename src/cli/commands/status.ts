import { ok } from "../client.ts";
import { ApiRefusal } from "../errors.ts";
import type { components } from "../generated/api.ts";
import { promiseLines } from "../incident-print.ts";
import { zones } from "../page-zone.ts";
import { type Io, session } from "../session.ts";
import { table } from "../table.ts";
import { bothZones, countdown } from "../time-input.ts";

type Incident = components["schemas"]["Incident"];

export const usage = `Usage: candor status [--json]

Open incidents with their promises (the ETA and the next update, with countdowns, and how
the incident's promises have gone), the next promise to fall due across them, each channel's
health, dead deliveries and unacknowledged listen alerts. Parts the key may not read are
said to be hidden rather than failing the command.`;

/** A part of the status the key may not read (403): shown as hidden, not an error. */
async function unlessForbidden<T>(answer: Promise<T>): Promise<T | null> {
  try {
    return await answer;
  } catch (err) {
    if (err instanceof ApiRefusal && err.status === 403) return null;
    throw err;
  }
}

/** The next promise across the open incidents: the soonest next update or ETA. */
function nextPromise(incidents: Incident[]) {
  const due = incidents.flatMap((i) => [
    ...(i.next_update_due_at ? [{ incident_id: i.id, kind: "next_update" as const, at: i.next_update_due_at }] : []),
    ...(i.eta ? [{ incident_id: i.id, kind: "eta" as const, at: i.eta }] : []),
  ]);
  return due.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0] ?? null;
}

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("status", argv, io, {});
  if (s.positionals.length) throw s.usage("status takes no arguments");
  const api = s.api();
  const [z, open, channels, dead, alerts] = await Promise.all([
    zones(s),
    ok(api.GET("/api/v1/incidents", { params: { query: { state: "open", limit: 100 } } })),
    ok(api.GET("/api/v1/channels")),
    unlessForbidden(ok(api.GET("/api/v1/deliveries", { params: { query: { state: "dead", limit: 20 } } }))),
    unlessForbidden(ok(api.GET("/api/v1/listen/alerts", { params: { query: { limit: 20 } } }))),
  ]);
  const incidents = await Promise.all(
    open.data.map(async (i) => (await ok(api.GET("/api/v1/incidents/{id}", { params: { path: { id: i.id } } }))).data),
  );
  const unacked = alerts?.data.filter((a) => !a.acked_at) ?? null;
  const next = nextPromise(incidents);
  const now = io.now();
  s.print(
    {
      page: z.page,
      incidents,
      next_promise: next,
      channels: channels.data,
      dead_deliveries: dead?.data ?? null,
      listen_alerts: unacked,
    },
    () => {
      const lines: string[] = [`${z.page.name} (${z.page.url}), times in ${z.pageZone}`, ""];
      lines.push(incidents.length ? `Open incidents (${incidents.length}):` : "No open incidents.");
      for (const i of incidents) {
        const p = i.promises;
        lines.push(
          `  ${i.id}  ${i.title}`,
          `    ${i.status} · impact ${i.impact}${i.components.length ? ` · ${i.components.map((c) => `${c.slug} ${c.status}`).join(", ")}` : ""}`,
          ...promiseLines(i, z, now).map((l) => `    ${l}`),
          `    Promises so far: ETAs ${p.eta.met} met, ${p.eta.missed} missed of ${p.eta.made}; next updates ${p.next_update.kept_by_engineers} kept by you, ${p.next_update.kept_by_machine} by Candor, ${p.next_update.missed} missed`,
        );
      }
      if (next) {
        const what = next.kind === "eta" ? "ETA" : "next update";
        lines.push(
          "",
          `Next promise: the ${what} of ${next.incident_id}, ${bothZones(new Date(next.at), z.pageZone, z.here, now)}, ${countdown(new Date(next.at), now)}`,
        );
      }
      lines.push(
        "",
        "Channels:",
        table(
          ["channel", "state", "pending", "dead", "why"],
          channels.data.map((c) => [
            c.name,
            !c.enabled ? "off" : c.healthy ? "healthy" : "UNHEALTHY",
            String(c.pending),
            String(c.dead),
            !c.enabled ? (c.reason ?? "") : c.healthy ? "" : (c.last_error ?? ""),
          ]),
        )
          .split("\n")
          .map((l) => `  ${l}`)
          .join("\n"),
        "",
        dead === null
          ? "Dead deliveries: hidden (the key lacks the scope)"
          : dead.data.length
            ? `Dead deliveries (${dead.data.length}${dead.data.length === 20 ? "+" : ""}): ${dead.data.map((d) => `${d.id} ${d.channel}`).join(", ")}; retry with \`candor deliveries retry <id>\``
            : "Dead deliveries: none",
        unacked === null
          ? "Listen alerts: hidden (the key lacks mentions:read)"
          : unacked.length
            ? `Listen alerts not acknowledged (${unacked.length}): ${unacked.map((a) => `${a.id} (${a.authors} people, ${a.top_words.join(" ")})`).join("; ")}`
            : "Listen alerts: none waiting",
      );
      return lines.join("\n");
    },
  );
}
