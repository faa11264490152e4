import { and, eq, inArray, lt } from "drizzle-orm";
import { components, incidentComponents, incidents } from "../../db/schema/index.ts";
import { overlaps } from "../../domain/backfill.ts";
import { AppError } from "../../errors.ts";
import { formatTime } from "../../render/time.ts";
import { queryable, type ServiceContext } from "../context.ts";

/**
 * Refuses a backfill that overlaps another incident affecting one of the same
 * components: that outage is recorded already, and two records of it would
 * count it twice in the 90-day bars. Overlap is domain/backfill's: the
 * half-open intervals [started_at, resolved_at) meet, an open incident running
 * on without end. Maintenance is not an incident and does not count.
 */
export async function checkNoOverlap(
  ctx: ServiceContext,
  input: { startedAt: Date; resolvedAt: Date; componentIds: string[] },
): Promise<void> {
  if (!input.componentIds.length) return;
  const candidates = await queryable(ctx)
    .select({
      id: incidents.id,
      title: incidents.title,
      startedAt: incidents.startedAt,
      resolvedAt: incidents.resolvedAt,
      slug: components.slug,
    })
    .from(incidentComponents)
    .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    .where(
      and(
        inArray(incidentComponents.componentId, input.componentIds),
        eq(incidents.kind, "incident"),
        lt(incidents.startedAt, input.resolvedAt),
      ),
    );
  const clashes = candidates.filter((c) => overlaps(c, input));
  if (!clashes.length) return;
  const tz = ctx.config.pageTimezone;
  const when = (c: (typeof clashes)[number]) =>
    `${formatTime(c.startedAt, tz, true)} to ${c.resolvedAt ? formatTime(c.resolvedAt, tz, true) : "now (still open)"}`;
  const details = clashes.map((c) => ({
    field: `components.${c.slug}`,
    message: `was in incident ${c.id} ("${c.title}") from ${when(c)}, which overlaps started_at to resolved_at`,
  }));
  throw AppError.conflict(
    `started_at: this backfill overlaps incident ${clashes[0].id} ("${clashes[0].title}", ${when(clashes[0])}) on component ${clashes[0].slug}; an outage is recorded once`,
    details,
  );
}
