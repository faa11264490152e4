// Stand-ins for the outage tests: errors with a driver's code, timers fired
// by hand, and a database that answers the page_version read or fails.
import type { Db } from "../../src/db/client.ts";

/** An error with a driver's `code`, as postgres.js and Node give them. */
export const coded = (code: string) => Object.assign(new Error(code), { code });
/** Lets a probe's promise chain settle. */
export const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** Timers the test fires by hand. */
export function manualTimers() {
  const due: (() => void)[] = [];
  return {
    schedule: (fn: () => void) => {
      due.push(fn);
      return { cancel: () => due.splice(due.indexOf(fn), 1) };
    },
    pending: () => due.length,
    async fire() {
      const fns = due.splice(0);
      for (const fn of fns) fn();
      // Let the probe's promise settle.
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

/** A stand-in for drizzle that answers the page_version read with `version`, or throws `error`. */
export function fakeDb(state: { version: number; error?: Error; reads: number; gate?: Promise<void> }): Db {
  return {
    select: () => ({
      from: async () => {
        state.reads++;
        await state.gate;
        if (state.error) throw state.error;
        return [{ version: state.version }];
      },
    }),
  } as unknown as Db;
}
