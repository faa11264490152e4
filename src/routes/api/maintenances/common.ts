import { z } from "@hono/zod-openapi";
import { bearer, idParam } from "../schemas.ts";
import { MaintenanceSchema } from "./schema/maintenance.ts";

/** The OpenAPI tag and security every maintenance route shares, so they group and lock together in the document. */
export const tags = ["Scheduled maintenance"];
export const security = bearer;

/** The `{id}` path parameter of one maintenance. */
export const IdParam = idParam("mnt_4k2x9v7m1q3r8t5w");

/** Most maintenance routes answer with the one maintenance as it now stands. */
export const one = (description: string) => ({
  description,
  content: { "application/json": { schema: z.object({ data: MaintenanceSchema }) } },
});
