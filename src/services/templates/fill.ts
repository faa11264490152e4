import { inArray } from "drizzle-orm";
import { components } from "../../db/schema/index.ts";
import type { ComponentStatus, Impact } from "../../domain/components.ts";
import type { IncidentStatus } from "../../domain/incidents.ts";
import { AppError } from "../../errors.ts";
import { formatTime } from "../../render/time.ts";
import { queryable, type ServiceContext } from "../context.ts";
import type { DeclareRequest, UpdateRequest } from "../incidents/index.ts";
import { findTemplate } from "./find.ts";
import type { Template } from "./types.ts";

/** An update as a request gives it, before a template fills what it leaves out. */
export type TemplatedUpdate = Omit<UpdateRequest, "message"> & { message?: string };
export type TemplatedDeclare = TemplatedUpdate & { title?: string };

/**
 * The template's components by their slugs today, refusing one deleted since
 * the template was saved: naming when, so the engineer knows to edit the
 * template or give components in the request.
 */
async function liveComponents(ctx: ServiceContext, t: Template): Promise<Record<string, ComponentStatus>> {
  if (!t.components.length) return {};
  const rows = await queryable(ctx)
    .select({ id: components.id, slug: components.slug, deletedAt: components.deletedAt })
    .from(components)
    .where(
      inArray(
        components.id,
        t.components.map((c) => c.id),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const problems = t.components.flatMap((c) => {
    const deletedAt = byId.get(c.id)?.deletedAt;
    if (byId.get(c.id) && !deletedAt) return [];
    const when = deletedAt ? ` on ${formatTime(deletedAt, ctx.config.pageTimezone, true)}` : "";
    return [
      {
        field: "template",
        message: `template "${t.name}" sets component "${c.slug}", which was deleted${when}, after the template was saved; edit the template (PATCH /api/v1/templates/${t.name}) or give components in the request`,
      },
    ];
  });
  if (problems.length) throw AppError.conflict(problems[0].message, problems);
  return Object.fromEntries(t.components.map((c) => [byId.get(c.id)?.slug ?? c.slug, c.status as ComponentStatus]));
}

/** The request with what it leaves out taken from its template; a field given in the request always wins. */
async function fill<T extends TemplatedUpdate>(
  ctx: ServiceContext,
  request: T,
): Promise<{ filled: T & { message: string }; template: Template | null }> {
  if (!request.template) return { filled: request as T & { message: string }, template: null };
  const t = await findTemplate(ctx, request.template);
  if (!t) throw AppError.invalid([{ field: "template", message: `no template is named "${request.template}"` }]);
  // Either promise of the next update in the request replaces the template's interval.
  const ownInterval = request.nextUpdateInMs !== undefined || request.nextUpdateAt !== undefined;
  const filled = {
    ...request,
    message: request.message ?? t.message,
    status: request.status ?? ((t.status ?? undefined) as IncidentStatus | undefined),
    impact: request.impact ?? ((t.impact ?? undefined) as Impact | undefined),
    components: request.components ?? (await liveComponents(ctx, t)),
    nextUpdateInMs: ownInterval ? request.nextUpdateInMs : (t.nextUpdateInMs ?? undefined),
  };
  return { filled, template: t };
}

/**
 * An update request filled from its `template` (by name), if it names one.
 *
 * @example await fillUpdate(ctx, { template: "db-fixed", status: "monitoring" })
 */
export async function fillUpdate(ctx: ServiceContext, request: TemplatedUpdate): Promise<UpdateRequest> {
  return (await fill(ctx, request)).filled;
}

/**
 * A declaration filled from its `template`; refused when neither gives a
 * title, or the template's status (resolved) cannot open an incident.
 *
 * @example await fillDeclare(ctx, { template: "db-down", message: "Writes fail since 03:10." })
 */
export async function fillDeclare(ctx: ServiceContext, request: TemplatedDeclare): Promise<DeclareRequest> {
  const { filled, template } = await fill(ctx, request);
  const title = request.title ?? template?.title;
  if (!title) {
    const why = template ? `; template "${template.name}" has no title` : "";
    throw AppError.invalid([{ field: "title", message: `is required${why}` }]);
  }
  if (filled.status === "resolved") {
    throw AppError.invalid([
      {
        field: "status",
        message: `template "${template?.name}" sets status resolved, which cannot open an incident; give status`,
      },
    ]);
  }
  return { ...filled, title };
}
