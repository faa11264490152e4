import { bearer, idParam } from "../schemas.ts";

/** The OpenAPI tag and security every subscriber route shares, so they group and lock together in the document. */
export const tags = ["Subscribers"];
export const security = bearer;

/** The `{id}` path parameter of one subscriber. */
export const IdParam = idParam("sub_4k2x9v7m1q3r8t5w");
