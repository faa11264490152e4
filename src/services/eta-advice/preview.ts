import { eq } from "drizzle-orm";
import { incidents } from "../../db/schema/index.ts";
import type { Impact } from "../../domain/components.ts";
import { AppError } from "../../errors.ts";
import { queryable, type ServiceContext } from "../context.ts";
import { resolveSlugs } from "../updates/index.ts";
import { type EtaAdvice, etaAdviceFor } from "./advise.ts";
import { componentIdsOfIncident } from "./component-ids.ts";

/** What GET /api/v1/eta-advice asks about: a new incident's impact and components, or an open incident. */
export type PreviewInput = { impact?: Impact; components?: string[]; incident?: string };

/** The open incident the advice is for: its impact, components and start. */
async function openIncident(ctx: ServiceContext, id: string) {
  const [found] = await queryable(ctx)
    .select({
      id: incidents.id,
      kind: incidents.kind,
      impact: incidents.impact,
      startedAt: incidents.startedAt,
      resolvedAt: incidents.resolvedAt,
      componentIds: componentIdsOfIncident(),
    })
    .from(incidents)
    .where(eq(incidents.id, id));
  if (!found) throw AppError.notFound("incident", id);
  if (found.kind !== "incident")
    throw AppError.invalid([{ field: "incident", message: `${id} is a scheduled maintenance, which gives no ETA` }]);
  if (found.resolvedAt) throw AppError.conflict(`incident ${id} is resolved; it takes no more ETAs`);
  return found;
}

/**
 * The advice before an ETA is promised: for an incident about to be declared
 * (`impact`, `components` as slugs), or for an open one at its age now
 * (`incident`; `impact` and `components` then stand for what the update is
 * about to change). Unknown slugs are a 400 naming `components`.
 *
 * @example await previewEtaAdvice(ctx, { impact: "major", components: ["api"] })
 */
export async function previewEtaAdvice(ctx: ServiceContext, input: PreviewInput): Promise<EtaAdvice> {
  if (!input.impact && !input.incident)
    throw AppError.invalid([{ field: "impact", message: "is required unless incident is given" }]);
  const found = input.components?.length ? await resolveSlugs(ctx, input.components) : null;
  const current = input.incident ? await openIncident(ctx, input.incident) : null;
  return etaAdviceFor(ctx, {
    impact: (input.impact ?? current?.impact) as string,
    componentIds: found ? [...found.values()].map((c) => c.id) : (current?.componentIds ?? []),
    startedAt: current?.startedAt ?? ctx.clock(),
  });
}
