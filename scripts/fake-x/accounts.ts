/** The accounts the fake knows: ours, and the others that `postAs` brings into being. */
import type { FakeXState } from "./state.ts";
import type { FakeXUser } from "./types.ts";

/** X's rule for a handle: 1 to 15 letters, digits or underscores. */
export const usernamePattern = /^[A-Za-z0-9_]{1,15}$/;

/** Every account, ours first. */
export function everyUser(state: FakeXState): FakeXUser[] {
  return [state.user, ...state.users];
}

/** Handles are case-insensitive on X: @CandorStatus is @candorstatus. */
export function userByUsername(state: FakeXState, username: string): FakeXUser | undefined {
  const wanted = username.toLowerCase();
  return everyUser(state).find((u) => u.username.toLowerCase() === wanted);
}

export function userById(state: FakeXState, id: string): FakeXUser | undefined {
  return everyUser(state).find((u) => u.id === id);
}

/**
 * The account with this handle, made if new. Ids are fixed by the order
 * accounts are made, so a test that makes the same accounts sees the same ids.
 *
 * @example
 * const alice = ensureUser(state, "alice"); // { id: "1800000000000000001", name: "alice", username: "alice" }
 */
export function ensureUser(state: FakeXState, username: string, name?: string): FakeXUser {
  const known = userByUsername(state, username);
  if (known) return known;
  const user = { id: String(1800000000000000000n + BigInt(state.users.length + 1)), name: name ?? username, username };
  state.users.push(user);
  return user;
}
