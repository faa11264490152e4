import { invalidRequest } from "../errors.ts";
import type { Answer } from "../types.ts";

/** The 400 X answers GET and DELETE /2/tweets/:id with when the id is not a Tweet id; null when it is. */
export function invalidTweetId(id: string): Answer | null {
  if (/^[0-9]{1,19}$/.test(id)) return null;
  return {
    status: 400,
    body: invalidRequest([
      { parameters: { id: [id] }, message: `The \`id\` query parameter value [${id}] is not valid` },
    ]),
  };
}
