import { z } from "@hono/zod-openapi";
import { scopes } from "../../../services/api-keys/index.ts";
import { AlertMappingSchema } from "../integrations/mapping.ts";
import { Timestamp } from "../schemas.ts";

export const ScopeSchema = z.enum(scopes).openapi("Scope");
export const CreateKeySchema = z
  .strictObject({
    name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
    scopes: z.array(ScopeSchema).min(1, "must name at least one scope"),
    alert_mapping: AlertMappingSchema.optional(),
  })
  .openapi("CreateApiKey");
export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The key's first characters, to tell keys apart" }),
    scopes: z.array(ScopeSchema),
    alert_mapping: AlertMappingSchema.nullable(),
    created_at: Timestamp,
    last_used_at: Timestamp.nullable(),
    revoked_at: Timestamp.nullable(),
  })
  .openapi("ApiKey");
