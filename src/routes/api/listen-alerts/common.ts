import { bearer, idParam } from "../schemas.ts";

/** The OpenAPI tag and security every spike-alert route shares (the inbox's tag: it is the same feature). */
export const tags = ["Hearing customers"];
export const security = bearer;

/** The `{id}` path parameter: the alert's id. */
export const IdParam = idParam("alert_4k2x9v7m1q3r8t5w");
