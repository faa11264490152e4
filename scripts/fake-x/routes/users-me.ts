import type { FakeXState } from "../state.ts";
import type { Answer } from "../types.ts";

/** GET /2/users/me: the account the access token belongs to. */
export function usersMe(state: FakeXState): Answer {
  return { status: 200, body: { data: state.user } };
}
