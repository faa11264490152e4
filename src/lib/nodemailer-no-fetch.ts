/**
 * Stands in for nodemailer's own HTTP client (fetch/index.js, 4.9 KB
 * minified) in the Workers bundle (wrangler.toml [alias]): nodemailer fetches
 * only attachments and alternatives given by URL (`href`), and the XOAUTH2
 * tokens; Candor's messages carry their content, and use neither.
 */
export default function noFetch(): never {
  throw new Error("fetching mail content by URL is not built into the Workers bundle");
}
