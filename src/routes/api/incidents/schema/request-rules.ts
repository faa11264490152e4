import type { z } from "@hono/zod-openapi";

type Body = Record<string, unknown>;
type Check = z.core.$RefinementCtx<Body>;

/** Rules across fields run even when a field failed, so every problem is named at once (but not on a non-object). */
export const isObject = ({ value }: { value: unknown }) =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const given = (body: Body, field: string) => body[field] !== undefined;

function refuse(ctx: Check, field: string, message: string) {
  ctx.addIssue({ code: "custom", path: [field], message });
}

/** A field a request must carry, unless its template gives it. */
function requiredUnlessTemplate(body: Body, ctx: Check, field: string) {
  if (!given(body, field) && !given(body, "template"))
    refuse(ctx, field, "is required (or name a template that gives it)");
}

/** An update's body: the message is required unless a template gives it. */
export function templatedRules(body: Body, ctx: Check) {
  requiredUnlessTemplate(body, ctx, "message");
}

/** Why each field of a declaration has no place in a backfill. */
const notInBackfill: Record<string, string> = {
  message: "is not used by a backfill: give each update's message in updates",
  status: "is not used by a backfill: it is resolved; give each update's status in updates",
  eta: "is not used by a backfill: a past incident makes no promises",
  next_update_in: "is not used by a backfill: a past incident makes no promises",
  next_update_at: "is not used by a backfill: a past incident makes no promises",
  notify: "is not used by a backfill: nobody is notified of a past incident",
  tweet: "is not used by a backfill: nothing is posted on X",
  template: "is not used by a backfill",
};
const backfillOnly = ["started_at", "resolved_at", "updates"];

/**
 * A declaration's body: with `backfill: true`, a past incident (title, times
 * and updates; nothing that notifies or promises); otherwise a new one, whose
 * title and message may come from a template.
 */
export function backfillRules(body: Body, ctx: Check) {
  if (body.backfill === true) {
    for (const [field, why] of Object.entries(notInBackfill)) if (given(body, field)) refuse(ctx, field, why);
    for (const field of ["title", ...backfillOnly]) {
      if (!given(body, field)) refuse(ctx, field, "is required with backfill: true");
    }
    return;
  }
  for (const field of backfillOnly) if (given(body, field)) refuse(ctx, field, "is only used with backfill: true");
  requiredUnlessTemplate(body, ctx, "title");
  templatedRules(body, ctx);
}
