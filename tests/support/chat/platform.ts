// What each fake platform is made of: a validator that answers a POST as the
// platform would, and the answers it gives when told the webhook is gone or busy.

/** An HTTP answer: status, headers and body text. */
export type Reply = { status: number; headers?: Record<string, string>; body: string };

/** What a path answers besides checking the body: the platforms' own failure answers. */
export type Mode = "ok" | "gone" | "archived" | "rate_limited" | "server_error";

export type Platform = {
  /** Checks a POST's body as the platform does; `accepted` says whether it would post it. */
  receive(raw: string, query: URLSearchParams): { accepted: boolean; reply: Reply };
  /** The platform's answer for a mode other than "ok". */
  fail(mode: Exclude<Mode, "ok">, retryAfterSeconds: number): Reply;
};

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(value),
});

export const text = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  body,
});

/** The JSON in a body, or undefined when it is not a JSON object. */
export function parseObject(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === "string";
export const isUrl = (v: unknown) => isString(v) && URL.canParse(v) && /^https?:/.test(v);

/** A text's length as the platforms count it at most (UTF-16 code units). */
export const within = (v: unknown, max: number) => isString(v) && v.length <= max;
export const bytes = (raw: string) => new TextEncoder().encode(raw).length;
