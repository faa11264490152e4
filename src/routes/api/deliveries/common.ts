import { bearer } from "../schemas.ts";

/** The OpenAPI tag and security every delivery route shares, so they group and lock together in the document. */
export const tags = ["Deliveries"];
export const security = bearer;
