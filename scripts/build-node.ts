// Bundles the Node entry and its front thread into dist/ with esbuild, so a
// start loads two files instead of resolving hundreds of modules: Node's
// module resolution alone cost 0.6 s of a 2.6 s start (ADR 0016). Runs after
// the templates are built (scripts/build.ts).
import { build } from "esbuild";

await build({
  entryPoints: { node: "src/entry/node.ts", front: "src/entry/front.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  sourcemap: "linked",
  // PGlite loads its wasm and data files from beside its own module.
  external: ["@electric-sql/pglite"],
  // twitter-text wants the npm punycode (it depends on it); esbuild would take Node's deprecated built-in.
  alias: { punycode: "punycode/" },
  // CommonJS dependencies call require(); an ES module bundle has none of its own.
  banner: {
    js: "import { createRequire as __candorRequire } from 'node:module'; const require = __candorRequire(import.meta.url);",
  },
  logLevel: "warning",
});
