/**
 * X's problem bodies. They follow what X was seen to send; where X's wording
 * could not be confirmed (empty or malformed text), the shape is X's and the
 * words ours.
 */
import { STATUS_CODES } from "node:http";
import type { Answer, Problem, Refusal } from "./types.ts";

export const problems = {
  unauthorized: { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" },
  oauth1Permissions: {
    title: "Forbidden",
    detail: "Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.",
    type: "https://api.twitter.com/2/problems/oauth1-permissions",
    status: 403,
  },
  tooManyRequests: { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
  duplicate: {
    detail: "You are not allowed to create a Tweet with duplicate content.",
    type: "about:blank",
    title: "Forbidden",
    status: 403,
  },
  replyNotVisible: {
    detail: "You attempted to reply to a Tweet that is deleted or not visible to you.",
    type: "about:blank",
    title: "Forbidden",
    status: 403,
  },
  /**
   * Since February 2026. X's documents name the rule but not its body; this
   * wording is the one developers have quoted from X's answers.
   */
  replyNotSummoned: {
    detail:
      "Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.",
    type: "about:blank",
    title: "Forbidden",
    status: 403,
  },
} as const;

/**
 * X refuses over-long text with 400 and this message inside an
 * invalid-request problem (not v1.1's 403 "Tweet needs to be a bit shorter").
 */
export const tooLongMessage =
  "Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.";

/** X v2's 400 body: one problem listing each parameter it refused. */
export function invalidRequest(errors: { parameters: Record<string, unknown[]>; message: string }[]): Problem {
  return {
    errors,
    title: "Invalid Request",
    detail: "One or more parameters to your request was invalid.",
    type: "https://api.twitter.com/2/problems/invalid-request",
  };
}

/** X's 400 for one query parameter, e.g. "The `max_results` query parameter value [5] is not between 10 and 100". */
export function parameterError(name: string, value: string, message: string): Refusal {
  return {
    status: 400,
    body: invalidRequest([{ parameters: { [name]: [value] }, message }]),
    error: `${name}: ${message}`,
  };
}

/** The about:blank problem X sends for statuses without a problem of their own. */
export function genericProblem(status: number): Problem {
  const title = STATUS_CODES[status] ?? "Error";
  return { title, detail: title, type: "about:blank", status };
}

/** X's resource-not-found problem, which it puts in a 200's errors array rather than answering 404. */
function notFoundResource(resource: "tweet" | "user", id: string): Problem {
  return {
    value: id,
    detail: `Could not find ${resource} with id: [${id}].`,
    title: "Not Found Error",
    resource_type: resource,
    parameter: "id",
    resource_id: id,
    type: "https://api.twitter.com/2/problems/resource-not-found",
  };
}

/** GET /2/tweets/:id of a missing Tweet. */
export function notFoundTweet(id: string): Problem {
  return notFoundResource("tweet", id);
}

/** A timeline of an unknown account (the wording follows the Tweet's; not seen from X). */
export function notFoundUser(id: string): Problem {
  return notFoundResource("user", id);
}

/** A body that breaks X's JSON schema for POST /2/tweets. */
export function schemaError(message: string): Answer {
  return { status: 400, body: invalidRequest([{ parameters: {}, message }]), error: message };
}

/** A path no route answers (the real X's 404 shape). */
export function notFound(path: string): Answer {
  return {
    status: 404,
    body: {
      title: "Not Found Error",
      detail: `Could not find the requested resource ${path}.`,
      type: "https://api.twitter.com/2/problems/resource-not-found",
      status: 404,
    },
    error: "no such route",
  };
}
