import type { Context } from "hono";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { requireUtf8 } from "../../middleware/encoding.ts";
import type { SubscriptionRequest } from "../../services/subscribers/index.ts";
import type { AppEnv } from "../env.ts";

const SubscribeSchema = z.strictObject({
  email: z.email({ error: "must be an email address" }).max(254, "must be at most 254 characters"),
  components: z
    .array(z.string().min(1).max(100), { error: "must be a list of component slugs" })
    .max(200, "must list at most 200 components")
    .optional(),
});

/** A checked subscription request, or the problems with it (the first is what the form page shows). */
export type SubscribeInput = { ok: true; data: SubscriptionRequest } | { ok: false; issues: z.core.$ZodIssue[] };

/**
 * Reads `POST /subscribe` from the form (one `components` field per box
 * ticked) or from JSON, and checks it. Malformed JSON, and a body that is
 * not UTF-8 (INVALID_ENCODING), are a 400 at once.
 */
export async function readSubscribeInput(c: Context<AppEnv>, html: boolean): Promise<SubscribeInput> {
  await requireUtf8(c);
  let raw: unknown;
  if (html) {
    const form = await c.req.parseBody({ all: true });
    const picked = form.components;
    raw = {
      email: typeof form.email === "string" ? form.email : undefined,
      components: picked === undefined ? undefined : (Array.isArray(picked) ? picked : [picked]).map(String),
    };
  } else {
    raw = await c.req.json().catch(() => {
      throw AppError.invalid([{ field: "body", message: "must be valid JSON" }]);
    });
  }
  const parsed = SubscribeSchema.safeParse(raw);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, issues: parsed.error.issues };
}
