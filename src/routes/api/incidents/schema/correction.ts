import { z } from "@hono/zod-openapi";

const newUpdate = "a change is a new update: POST /api/v1/incidents/{id}/updates";
const promiseLine = `cannot be corrected: the promise line (ETA and next update) is a commitment; ${newUpdate}`;

/** Why a field a correction might carry is refused: what was promised, and a status, are commitments. */
const commitments: Record<string, string> = {
  status: `cannot be corrected: a status is a commitment; ${newUpdate}`,
  eta: promiseLine,
  next_update_in: promiseLine,
  next_update_at: promiseLine,
  promise: promiseLine,
  impact: `cannot be corrected: ${newUpdate}`,
  components: `cannot be corrected: component statuses are set by updates; ${newUpdate}`,
  notify: "cannot be changed: a correction notifies nobody",
  tweet: "cannot be corrected: the post on X is out, and X's API cannot edit it",
};

/**
 * A correction's body: `shape`, and any other field refused by name with why
 * (a status or promise line is a commitment, so the 400 says a change is a
 * new update) rather than "not a known field". The document still says no
 * other field is allowed.
 */
function correctionBody<T extends z.ZodRawShape>(shape: T, name: string, elsewhere: Record<string, string>) {
  const refusals = { ...commitments, ...elsewhere };
  return z
    .looseObject(shape)
    .superRefine(
      (body, ctx) => {
        for (const key of Object.keys(body)) {
          if (key in shape) continue;
          ctx.addIssue({ code: "custom", path: [key], message: refusals[key] ?? "is not a known field" });
        }
      },
      // Refused fields are named even when a required one is missing too.
      { when: ({ value }) => typeof value === "object" && value !== null && !Array.isArray(value) },
    )
    .openapi(name, { additionalProperties: false });
}

export const EditIncidentSchema = correctionBody(
  { title: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters") },
  "EditIncident",
  {
    message:
      "an incident has no message of its own: correct an update's with PATCH /api/v1/incidents/{id}/updates/{update_id}",
  },
);

export const EditUpdateSchema = correctionBody(
  { message: z.string().trim().min(1, "must not be empty").max(5000, "must be at most 5000 characters") },
  "EditIncidentUpdate",
  { title: "is the incident's: correct it with PATCH /api/v1/incidents/{id}" },
);

export const UpdateIdParam = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "inc_4k2x9v7m1q3r8t5w" }),
  update_id: z
    .string()
    .max(64)
    .openapi({ param: { name: "update_id", in: "path" }, example: "upd_7m1q3r8t5w4k2x9v" }),
});

const ChannelCountSchema = z.object({
  channel: z.string().openapi({ example: "twitter" }),
  count: z.number().int().openapi({ description: "copies already delivered: posts, emails, webhook calls" }),
  note: z.string().openapi({ example: "posted on X; X's API cannot edit a post (delete it by hand if it must go)" }),
});

/** What every correction answers beside the data: where the old words still are. */
export const channelsNoteFields = {
  channels_with_old_text: z.array(ChannelCountSchema).openapi({
    description: "Channels that delivered the old words (from the deliveries record); nobody is notified again",
  }),
  pending_channels: z.array(z.string()).openapi({
    description:
      "Channels that had not sent it yet: an edit reaches them (they send the corrected words); a hidden update is withdrawn from them",
  }),
};
