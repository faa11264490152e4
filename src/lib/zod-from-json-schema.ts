/**
 * Stands in for zod's JSON Schema reader (zod/v4/classic/from-json-schema.js,
 * 12.5 KB minified) in the Workers bundle (wrangler.toml [alias]): zod's
 * index re-exports it, and Candor never turns a JSON Schema into zod.
 */
export function fromJSONSchema(): never {
  throw new Error("z.fromJSONSchema is left out of the Workers bundle (see wrangler.toml [alias])");
}
