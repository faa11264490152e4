/**
 * Waiting without hoping: poll a condition until it holds, with a deadline
 * and a message that says what never happened. A bare `sleep` is only for
 * pacing a poll or for letting real time pass on purpose (a process that
 * must stay quiet for a while), never for guessing how long work takes.
 */

/** Resolves after `ms` of real time. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it returns something other than undefined and returns
 * that; fails after `timeoutMs` naming `what` it waited for (a function when
 * the words need the state at the time of failure, such as output so far).
 *
 * @example const row = await waitFor("the delivery", 5_000, async () => (await rows())[0]);
 */
export async function waitFor<T>(
  what: string | (() => string),
  timeoutMs: number,
  check: () => Promise<T | undefined> | T | undefined,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === "function" ? what() : what}`);
    await sleep(intervalMs);
  }
}

/** Like `waitFor`, for a condition that is simply true or false. */
export async function waitUntil(
  what: string | (() => string),
  timeoutMs: number,
  check: () => Promise<boolean> | boolean,
) {
  await waitFor(what, timeoutMs, async () => ((await check()) ? true : undefined));
}

/** A promise a test resolves by hand, to hold work at a known point. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
