/**
 * Stands in for twitter-text in both bundles (wrangler.toml [alias],
 * scripts/build-node.ts): Candor only counts a post's weighted length
 * (parseTweet), and the package's index pulls in its autolinking and
 * extraction too. Same default export
 * shape as `import twitterText from "twitter-text"`.
 */
import parseTweet from "twitter-text/dist/esm/parseTweet";

export default { parseTweet };
