import type { UpdateKind } from "../domain/incidents.ts";
import { automaticKinds, maintenanceStatuses, statusWords } from "../domain/maintenance.ts";
import { render } from "./index.ts";
import { formatTime } from "./time.ts";

/** What an update email says, whoever it goes to (the email channel and the CLI's preview). */
export type EmailUpdateFacts = {
  status: string;
  kind: string;
  incidentTitle: string;
  message: string;
  promise: string;
  incidentUrl: string;
  createdAt: Date;
};

export type EmailPage = { pageName: string; timeZone: string };

/**
 * An update email's subject.
 *
 * @example emailSubject({ pageName: "Example Status", ... }, { status: "investigating", incidentTitle: "API errors", ... })
 * // "[Investigating] API errors (Example Status)"
 */
export function emailSubject(
  page: Pick<EmailPage, "pageName">,
  update: Pick<EmailUpdateFacts, "status" | "incidentTitle">,
) {
  const label = statusWords[update.status as keyof typeof statusWords] ?? "Update";
  return `[${label}] ${update.incidentTitle} (${page.pageName})`;
}

/** The data both parts of an update email are rendered from, less the per-recipient unsubscribe link and components. */
export function emailUpdateData(page: EmailPage, update: EmailUpdateFacts) {
  return {
    pageName: page.pageName,
    title: update.incidentTitle,
    statusLabel: statusWords[update.status as keyof typeof statusWords] ?? "Update",
    automatic: automaticKinds.has(update.kind as UpdateKind),
    what: (maintenanceStatuses as readonly string[]).includes(update.status) ? "maintenance" : "incident",
    message: update.message,
    promise: update.promise,
    incidentUrl: update.incidentUrl,
    at: formatTime(update.createdAt, page.timeZone, true),
  };
}

/** The plain-text part for one recipient. */
export function emailUpdateText(
  data: ReturnType<typeof emailUpdateData>,
  unsubscribeUrl: string,
  componentNames: string,
): string {
  return render("email/update.text", { ...data, unsubscribeUrl, componentNames });
}
