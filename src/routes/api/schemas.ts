import { z } from "@hono/zod-openapi";
import { componentStatuses, impacts } from "../../domain/components.ts";
import { incidentStatuses, updateKinds } from "../../domain/incidents.ts";
import { parseDuration } from "../../lib/duration.ts";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "BAD_REQUEST" }),
      message: z.string().openapi({ example: "eta: must be in the future" }),
      details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
      requestId: z.string().nullable(),
    }),
  })
  .openapi("Error");

export const Timestamp = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 timestamp with an offset, such as 2026-11-23T14:30:00Z" })
  .openapi({ example: "2026-11-23T14:30:00Z" });

export const Duration = z
  .string()
  .refine((v) => parseDuration(v) !== null, "must be an ISO 8601 duration such as PT30M")
  .openapi({ example: "PT30M" });

export const ComponentStatusSchema = z.enum(componentStatuses).openapi("ComponentStatus");
export const ImpactSchema = z.enum(impacts).openapi("Impact");
export const IncidentStatusSchema = z.enum(incidentStatuses).openapi("IncidentStatus");
export const UpdateKindSchema = z.enum(updateKinds).openapi("UpdateKind");

export const Slug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    "must be 1-63 lowercase letters, digits or hyphens, starting with a letter or digit",
  )
  .openapi({ example: "api" });

/** Standard error responses, so every route documents the one error shape. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415)[]) {
  const descriptions = {
    400: "Invalid input; details name the fields",
    401: "Missing or unknown API key",
    403: "The key lacks the scope",
    404: "Not found",
    409: "Conflict with the current state",
    413: "Body over 64 KB",
    415: "Body is not JSON",
  } as const;
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s], content: { "application/json": { schema: ErrorSchema } } },
    ]),
  ) as Record<number, { description: string; content: { "application/json": { schema: typeof ErrorSchema } } }>;
}

export const writeErrors = errorResponses(400, 401, 403, 413, 415);

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Every /api/v1 route takes a Bearer key; one value so the document's security stays alike everywhere. */
export const bearer = [{ Bearer: [] }];

/** An `{id}` path parameter, capped so an absurd id is a 400 before any query. */
export const idParam = (example: string) =>
  z.object({
    id: z
      .string()
      .max(64)
      .openapi({ param: { name: "id", in: "path" }, example }),
  });
