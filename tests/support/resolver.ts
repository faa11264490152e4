// A DNS resolver for tests: names answer from a table, never from the network,
// so a test of "this name resolves to 127.0.0.1" sends nothing anywhere.
import type { ResolveHost } from "../../src/lib/webhook-target.ts";

export type StubResolver = ResolveHost & {
  /** The names asked, in order. */
  asked: string[];
  /** What `name` answers from now on (as DNS changing would). */
  set(name: string, addresses: string[]): void;
};

/**
 * A resolver answering from `table`; `localhost` is loopback as on any
 * machine, and any other name fails as an unknown name (ENOTFOUND) does.
 *
 * @example stubResolver({ "hooks.internal.test": ["127.0.0.1"] })
 */
export function stubResolver(table: Record<string, string[]> = {}): StubResolver {
  const answers = new Map(Object.entries({ localhost: ["127.0.0.1", "::1"], ...table }));
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    const found = answers.get(hostname.toLowerCase());
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return [...found];
  };
  return Object.assign(resolve, { asked, set: (name: string, addresses: string[]) => answers.set(name, addresses) });
}
