// The one twitter-text function the Workers bundle keeps (src/lib/twitter-text-parse.ts).
declare module "twitter-text/dist/esm/parseTweet" {
  const parseTweet: typeof import("twitter-text").parseTweet;
  export default parseTweet;
}
