/** What tests read back from any HTTP answer: the status, the text, and its JSON when it is JSON. */
export type Answer = {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
  json: any;
  text: string;
  headers: Headers;
};

/**
 * The body's JSON, or null when it is empty or not JSON: tests assert on
 * error bodies and HTML alike, and a parse failure should fail the
 * assertion that follows, not the helper.
 */
// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
export function parseJsonOrNull(text: string): any {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Reads a response once into status, text, JSON (or null) and headers. */
export async function readAnswer(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, json: parseJsonOrNull(text), text, headers: res.headers };
}
