import { bearer } from "../schemas.ts";

/** The OpenAPI tag and security every API key route shares, so they group and lock together in the document. */
export const tags = ["API keys"];
export const security = bearer;
