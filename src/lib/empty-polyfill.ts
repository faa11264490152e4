/**
 * Stands in for core-js 2 polyfills in both bundles (wrangler.toml [alias],
 * scripts/build-node.ts): twitter-text imports them for old browsers; workerd
 * and Node 24 have every ES2015 feature they patch.
 */
export {};
