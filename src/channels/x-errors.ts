/** X's problem JSON (RFC 7807), the part Candor reads; X adds `errors` and more on some answers. */
export type XProblem = { title?: string; detail?: string; type?: string };

/**
 * X answered, and not with 2xx: the status, its problem JSON and, on 429,
 * when the rate-limit window resets. The X channel, the acknowledgements and
 * the listeners each turn it into their own decision.
 *
 * @example new XApiError(429, { title: "Too Many Requests" }, new Date(reset * 1000))
 */
export class XApiError extends Error {
  override name = "XApiError";
  readonly code: number;
  /** The problem JSON, or {} when the answer was not a JSON object (a proxy's HTML page). */
  readonly data: XProblem;
  /** From `x-rate-limit-reset` (epoch seconds), when X sent it. */
  readonly resetAt: Date | null;
  constructor(code: number, data: unknown, resetAt: Date | null = null) {
    const problem = data !== null && typeof data === "object" ? (data as XProblem) : {};
    const said = problem.detail || problem.title;
    super(`X answered ${code}${said ? `: ${said}` : ""}`);
    this.code = code;
    this.data = problem;
    this.resetAt = resetAt;
  }
}

/**
 * No usable answer from X: `unreachable` (refused, reset, no route),
 * `timeout` (nothing in time), or `cut_off` (an answer that broke off or is
 * not JSON, so whether a post went out is unknown). Every kind is worth
 * another try.
 */
export class XRequestError extends Error {
  override name = "XRequestError";
  readonly kind: "unreachable" | "timeout" | "cut_off";
  constructor(kind: XRequestError["kind"], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}
