import { desc } from "drizzle-orm";
import { apiKeys } from "../../db/schema/index.ts";
import type { ServiceContext } from "../context.ts";
import type { ApiKey } from "./scopes.ts";

/** Every key, revoked ones too, newest first, so an admin can see what was once let in. */
export function listApiKeys(ctx: ServiceContext): Promise<ApiKey[]> {
  return ctx.db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}
