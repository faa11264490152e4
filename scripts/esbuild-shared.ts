import { resolve } from "node:path";
import type { BuildOptions } from "esbuild";

/**
 * What the server's bundle (build-node.ts) and the CLI's (build-cli.ts) both
 * need from esbuild to run twitter-text and CommonJS dependencies in an ES
 * module on Node.
 */
export const nodeBundleShared: BuildOptions = {
  bundle: true,
  platform: "node",
  format: "esm",
  // twitter-text wants the npm punycode (it depends on it); esbuild would take Node's deprecated built-in.
  alias: { punycode: "punycode/" },
  // As in the Workers bundle (wrangler.toml [alias]), matched exactly (esbuild's alias maps prefixes):
  // Candor only counts a post's weighted length, and twitter-text's index evaluates its autolinking and
  // extraction too, 36 ms of a start; the core-js 2 polyfills it imports are for old browsers.
  plugins: [
    {
      name: "twitter-text-parse-only",
      setup(b) {
        b.onResolve({ filter: /^twitter-text$/ }, () => ({ path: resolve("src/lib/twitter-text-parse.ts") }));
        b.onResolve({ filter: /^core-js\/modules\// }, () => ({ path: resolve("src/lib/empty-polyfill.ts") }));
      },
    },
  ],
  // CommonJS dependencies call require(); an ES module bundle has none of its own.
  banner: {
    js: "import { createRequire as __candorRequire } from 'node:module'; const require = __candorRequire(import.meta.url);",
  },
  logLevel: "warning",
};
