import { AppError } from "../../errors.ts";
import { customTweetLimit, tweetLength } from "../../render/tweet.ts";
import type { ServiceContext } from "../context.ts";

/** Refuses engineers' own X text that would not fit beside the incident link. */
export function checkTweet(ctx: ServiceContext, tweet: string | undefined): void {
  if (tweet === undefined) return;
  const limit = customTweetLimit(ctx.config.publicUrl);
  const length = tweetLength(tweet);
  if (length > limit) {
    throw AppError.invalid([
      {
        field: "tweet",
        message: `is ${length} weighted characters; X allows ${limit} once the link to the incident is added (URLs count 23, CJK and emoji 2)`,
      },
    ]);
  }
}
