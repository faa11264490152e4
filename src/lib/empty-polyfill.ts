/**
 * Stands in for core-js 2 polyfills in the Workers bundle (wrangler.toml
 * [alias]): twitter-text imports them for old browsers; workerd has every
 * ES2015 feature they patch.
 */
export {};
