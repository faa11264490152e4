import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { type ApiKey, createApiKey, listApiKeys, revokeApiKey, scopes } from "../../../services/api-keys/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, iso, jsonBody, Timestamp, writeErrors } from "../schemas.ts";

const tags = ["API keys"];
const security = [{ Bearer: [] }];
const admin = requireScope("admin");

const ScopeSchema = z.enum(scopes).openapi("Scope");
const CreateKeySchema = z
  .strictObject({
    name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
    scopes: z.array(ScopeSchema).min(1, "must name at least one scope"),
  })
  .openapi("CreateApiKey");
const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The key's first characters, to tell keys apart" }),
    scopes: z.array(ScopeSchema),
    created_at: Timestamp,
    last_used_at: Timestamp.nullable(),
    revoked_at: Timestamp.nullable(),
  })
  .openapi("ApiKey");

function keyJson(k: ApiKey): z.infer<typeof ApiKeySchema> {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes as z.infer<typeof ScopeSchema>[],
    created_at: k.createdAt.toISOString(),
    last_used_at: iso(k.lastUsedAt),
    revoked_at: iso(k.revokedAt),
  };
}

/** Registers API key management (admin scope). */
export function registerApiKeyRoutes(api: Api) {
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/api-keys",
      tags,
      security,
      summary: "Create an API key; the plaintext key is returned only here",
      middleware: admin,
      request: { body: jsonBody(CreateKeySchema) },
      responses: {
        201: {
          description: "Created",
          content: { "application/json": { schema: z.object({ data: ApiKeySchema, key: z.string() }) } },
        },
        ...writeErrors,
      },
    }),
    async (c) => {
      const { key, secret } = await createApiKey(serviceContext(c), c.req.valid("json"));
      return c.json({ data: keyJson(key), key: secret }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/api-keys",
      tags,
      security,
      summary: "List API keys (never their secrets)",
      middleware: admin,
      responses: {
        200: {
          description: "Keys",
          content: { "application/json": { schema: z.object({ data: z.array(ApiKeySchema) }) } },
        },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json({ data: (await listApiKeys(serviceContext(c))).map(keyJson) }, 200),
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/api-keys/{id}",
      tags,
      security,
      summary: "Revoke an API key",
      middleware: admin,
      request: {
        params: z.object({
          id: z
            .string()
            .max(64)
            .openapi({ param: { name: "id", in: "path" } }),
        }),
      },
      responses: { 204: { description: "Revoked" }, ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await revokeApiKey(serviceContext(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
}
