// What an API key may do. metrics:read lets a scraper read GET /metrics (see README, Metrics); mentions:read and
// mentions:write the inbox of posts heard on X (README, Hearing customers), which holds real people's handles and
// words; integrations:write lets Alertmanager or Grafana set component statuses (README, Alerts in). A pure list,
// so the CLI offers the same choices the server checks.
export const scopes = [
  "incidents:write",
  "components:write",
  "subscribers:read",
  "metrics:read",
  "mentions:read",
  "mentions:write",
  "integrations:write",
  "admin",
] as const;
export type Scope = (typeof scopes)[number];
