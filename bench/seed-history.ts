// A realistic status history for the page-load benchmark, made through the
// API (the code paths an engineer uses): 10 components in two groups and
// incidents spread over the past 90 days.
import { api } from "../tests/support/candor-process.ts";
import { benchToken, type CandorOnPostgres } from "./candor-on-postgres.ts";

export const components = [
  ["api", "API", "Core"],
  ["web", "Web app", "Core"],
  ["auth", "Sign-in", "Core"],
  ["search", "Search", "Core"],
  ["payments", "Payments", "Core"],
  ["email", "Email delivery", "Integrations"],
  ["webhooks", "Webhooks", "Integrations"],
  ["cdn", "CDN", "Integrations"],
  ["mobile", "Mobile push", "Integrations"],
  ["status-api", "Public API (v1)", "Integrations"],
] as const;

const causes = [
  "elevated error rates on a share of requests",
  "slow responses in one region",
  "timeouts for a subset of customers",
  "delayed processing after a queue backlog",
  "failed logins for some accounts",
];

/**
 * A realistic history through the API (the code paths an engineer uses):
 * `count` incidents, each declared, updated once or twice and, all but the
 * last two, resolved; then their times moved back so they spread over the
 * past 90 days. Returns the ids of the open ones.
 */
export async function seedHistory(c: CandorOnPostgres, count: number, log: (l: string) => void): Promise<string[]> {
  const call = async (method: string, path: string, body: unknown) => {
    const res = await api(c.candor.baseUrl, method, path, { key: benchToken, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.json.data;
  };
  for (const [slug, name, group] of components) {
    await call("POST", "/api/v1/components", { slug, name, group });
  }
  const open: string[] = [];
  const resolved: string[] = [];
  const one = async (i: number) => {
    const [slug] = components[i % components.length];
    const cause = causes[i % causes.length];
    const isOpen = i >= count - 2;
    const { id } = await call("POST", "/api/v1/incidents", {
      title: `${components[i % components.length][1]}: ${cause}`,
      message: `We are seeing ${cause} and are investigating. Next update within 30 minutes.`,
      components: { [slug]: i % 3 === 0 ? "partial_outage" : "degraded_performance" },
      next_update_in: "PT30M",
    });
    await call("POST", `/api/v1/incidents/${id}/updates`, {
      status: "identified",
      message: "We found the cause, a configuration change rolled out this morning, and are reverting it.",
      next_update_in: "PT20M",
    });
    if (isOpen) {
      open.push(id);
      return;
    }
    if (i % 2 === 0) {
      await call("POST", `/api/v1/incidents/${id}/updates`, {
        status: "monitoring",
        message: "The revert is complete and error rates are back to normal. We are watching closely.",
        next_update_in: "PT30M",
      });
    }
    await call("POST", `/api/v1/incidents/${id}/updates`, {
      status: "resolved",
      message: "This incident is resolved. We will publish a short review of what happened.",
    });
    resolved.push(id);
  };
  // Four engineers at once: seeding 300 incidents one by one takes too long.
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < count) {
        const i = next++;
        await one(i);
        if ((i + 1) % 50 === 0) log(`page-load: ${i + 1} incidents seeded`);
      }
    }),
  );
  // Spread the resolved ones over the past 90 days (newest first in `resolved`
  // order), shifting every time of each incident by the same amount.
  const dayS = 86_400;
  const shifts = resolved.map((id, k) => [id, Math.round(((k + 1) / resolved.length) * 89 * dayS)] as const);
  const values = c.sql(shifts.map(([id, s]) => [id, String(s)]));
  await c.sql`
    update incidents i set
      started_at = started_at - make_interval(secs => v.s::int),
      resolved_at = resolved_at - make_interval(secs => v.s::int),
      updated_at = updated_at - make_interval(secs => v.s::int),
      next_update_due_at = next_update_due_at - make_interval(secs => v.s::int)
    from (values ${values}) as v(id, s) where i.id = v.id`;
  await c.sql`
    update incident_updates u set
      created_at = created_at - make_interval(secs => v.s::int),
      next_update_due_at = next_update_due_at - make_interval(secs => v.s::int)
    from (values ${values}) as v(id, s) where u.incident_id = v.id`;
  await c.sql`update components set created_at = created_at - interval '120 days'`;
  return open;
}
