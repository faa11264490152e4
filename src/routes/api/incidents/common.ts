import { bearer, idParam } from "../schemas.ts";

/** The OpenAPI tag and security every incident route shares, so they group and lock together in the document. */
export const tags = ["Incidents"];
export const security = bearer;

/** The `{id}` path parameter of one incident. */
export const IdParam = idParam("inc_4k2x9v7m1q3r8t5w");
