/**
 * /__fake/*: the same controls as the `FakeX` handle, over HTTP, for a fake
 * running in another process (`npm run fake-x`, the e2e tests). Not X's: no
 * OAuth, no rate limit, plain bodies.
 */
import { notFound } from "../errors.ts";
import type { FakeXState } from "../state.ts";
import type { Answer, FakeXControls } from "../types.ts";

export function fakeControls(
  state: FakeXState,
  controls: FakeXControls,
  method: string,
  path: string,
  body: Buffer,
): Answer {
  let input: Record<string, unknown> = {};
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString("utf8"));
    } catch {
      return { status: 400, body: { error: "body must be JSON" } };
    }
  }
  const ok: Answer = { status: 200, body: { ok: true } };
  const key = `${method} ${path}`;
  switch (key) {
    case "GET /__fake/tweets":
      return { status: 200, body: state.tweets };
    case "GET /__fake/requests":
      return { status: 200, body: state.requests };
    case "POST /__fake/fail": {
      const status = input.status ?? 503;
      if (status !== "network" && typeof status !== "number") return { status: 400, body: { error: "bad status" } };
      controls.failNext(Number(input.count ?? 1), status, input.body);
      return { status: 200, body: { ok: true, pending: state.failures.length } };
    }
    case "POST /__fake/rate-limit":
      controls.setRateLimit({ limit: Number(input.limit), windowMs: Number(input.windowMs) });
      return ok;
    case "POST /__fake/revoke":
      controls.revoke();
      return ok;
    case "POST /__fake/restore":
      controls.restore();
      return ok;
    case "POST /__fake/forbid":
      controls.forbid();
      return ok;
    case "POST /__fake/allow":
      controls.allow();
      return ok;
    case "POST /__fake/reset":
      controls.reset();
      return ok;
    default:
      return notFound(path);
  }
}
