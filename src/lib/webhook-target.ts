import { type AddressKind, addressKind, isIpAddress } from "./ip-ranges.ts";

/**
 * A host name's addresses as the resolver answers them (IPv4 dotted, IPv6
 * plain). Injected: Node's resolver on Node, a stub in tests, none on Workers.
 */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** Why a webhook may not be called, in words that never quote its URL. */
export type TargetProblem = { message: string; kind?: AddressKind };

/** What the rule allows: WEBHOOK_ALLOW_PRIVATE=on lifts the address part, never the rest. */
export type TargetRule = { allowPrivate: boolean };

/** `localhost` and its subdomains are loopback by definition (RFC 6761), whatever a resolver says. */
function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}

/**
 * Checks what a URL says by itself: http(s) only, no credentials, and, unless
 * private addresses are allowed, a host that is not a private address written
 * literally. `url` is WHATWG-parsed, so `2130706433`, `0x7f.1` and
 * `017700000001` already read 127.0.0.1 and `[::ffff:127.0.0.1]` reads
 * `[::ffff:7f00:1]`. Returns null when fine.
 *
 * @example literalTargetProblem(new URL("http://0x7f.1/"), { allowPrivate: false })?.message
 * // "must not point at a loopback address"
 */
export function literalTargetProblem(url: URL, rule: TargetRule): TargetProblem | null {
  if (url.protocol !== "http:" && url.protocol !== "https:") return { message: "must be an http or https URL" };
  // Credentials in the URL would be sent to the receiver and shown wherever the URL is;
  // the signing secret is how a receiver knows the call is ours.
  if (url.username || url.password) return { message: "must not hold credentials (a user name or password)" };
  if (!url.hostname) return { message: "must name a host" };
  if (rule.allowPrivate) return null;
  if (isLocalhostName(url.hostname)) return addressProblem("loopback");
  const kind = addressKind(url.hostname);
  return kind ? addressProblem(kind) : null;
}

/** Checks a name's resolved addresses: any private one refuses it, so a mixed answer cannot slip one in. */
export function resolvedTargetProblem(addresses: readonly string[], rule: TargetRule): TargetProblem | null {
  if (rule.allowPrivate) return null;
  for (const address of addresses) {
    const kind = addressKind(address);
    if (kind) return { message: `must not resolve to a ${kind} address`, kind };
  }
  return null;
}

function addressProblem(kind: AddressKind): TargetProblem {
  return { message: `must not point at a ${kind} address`, kind };
}

/**
 * The whole check: the literal one, then, for a host name and when a
 * resolver is given, its addresses. A name that does not resolve (yet) passes:
 * delivery checks again, and refuses then if it resolves to a private address.
 */
export async function targetProblem(
  url: URL,
  rule: TargetRule & { resolve?: ResolveHost },
): Promise<TargetProblem | null> {
  const literal = literalTargetProblem(url, rule);
  if (literal || rule.allowPrivate || !rule.resolve || isIpAddress(url.hostname)) return literal;
  let addresses: string[];
  try {
    addresses = await rule.resolve(url.hostname.replace(/\.$/, ""));
  } catch {
    return null;
  }
  return resolvedTargetProblem(addresses, rule);
}
