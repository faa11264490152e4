/** The fake's plumbing on node:http: reading bodies, naming their type, writing answers. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Answer } from "./types.ts";

export const maxBodyBytes = 1 << 20;
const jsonType = "application/json; charset=utf-8";

/** The Content-Type without its parameters, lower-cased. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
}

/** The whole body, or null once it passes maxBodyBytes. */
export async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) tooBig = true;
    if (!tooBig) chunks.push(chunk as Buffer);
  }
  return tooBig ? null : Buffer.concat(chunks);
}

/** Writes an answer that is not a dropped connection: JSON unless its body is a string. */
export function writeAnswer(res: ServerResponse, answer: Exclude<Answer, { network: true }>): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload: string;
  if (typeof answer.body === "string") {
    // A non-JSON body, as proxies in front of X sometimes send (HTML error pages).
    payload = answer.body;
    headers["content-type"] = "text/html; charset=utf-8";
  } else {
    payload = JSON.stringify(answer.body ?? {});
    headers["content-type"] = jsonType;
  }
  headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(answer.status, headers);
  res.end(payload);
}
