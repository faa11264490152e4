/** The public v2 documents, by their path under /api/v2/ (without `.json`). */
export const statuspageEndpoints = [
  "summary",
  "status",
  "components",
  "incidents",
  "incidents/unresolved",
  "scheduled-maintenances",
  "scheduled-maintenances/upcoming",
  "scheduled-maintenances/active",
] as const;
export type StatuspageEndpoint = (typeof statuspageEndpoints)[number];

/** The page every v2 document opens with. */
export type StatuspagePage = { id: string; name: string; url: string; time_zone: string; updated_at: string | null };
