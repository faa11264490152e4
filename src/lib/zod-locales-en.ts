/**
 * Stands in for zod's locale index in the Workers bundle (wrangler.toml
 * [alias]): the index pulls in every language (260 KB minified) through
 * `z.locales`, and Candor only ever speaks English. zod sets English itself
 * (zod/v4/classic/schemas.js imports locales/en.js directly).
 */
export { default as en } from "zod/v4/locales/en.js";
