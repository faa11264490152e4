import type { TemplateComponent } from "../../db/schema/index.ts";
import { maxNextUpdateAheadMs, minNextUpdateAheadMs } from "../../domain/incidents.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../context.ts";
import { resolveComponents } from "../updates/index.ts";
import type { TemplatePatch } from "./types.ts";

/**
 * Checks a template's fields as an incident's are checked: the interval
 * within what an update may promise, the components live (a typo is a 400
 * naming the slug). Returns the components by id, so a component deleted
 * later is told apart from a typo when the template is used.
 */
export async function checkedComponents(
  ctx: ServiceContext,
  input: TemplatePatch,
): Promise<TemplateComponent[] | undefined> {
  const ms = input.nextUpdateInMs;
  if (ms !== undefined && ms !== null && (ms < minNextUpdateAheadMs || ms > maxNextUpdateAheadMs)) {
    throw AppError.invalid([{ field: "next_update_in", message: "must be between PT1M and PT24H" }]);
  }
  if (input.components === undefined) return undefined;
  const found = await resolveComponents(ctx, input.components);
  return Object.entries(input.components).map(([slug, status]) => ({
    id: (found.get(slug) as { id: string }).id,
    slug,
    status,
  }));
}

/** The 409 for a name another template has. */
export function nameTaken(name: string): AppError {
  return AppError.conflict(`name: a template named "${name}" already exists`, [
    { field: "name", message: "already exists" },
  ]);
}
