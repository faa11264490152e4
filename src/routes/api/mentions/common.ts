import { bearer, idParam } from "../schemas.ts";

/** The OpenAPI tag and security every inbox route shares. */
export const tags = ["Hearing customers"];
export const security = bearer;

/** The `{id}` path parameter: X's id of the post. */
export const IdParam = idParam("1790000000000000042");
