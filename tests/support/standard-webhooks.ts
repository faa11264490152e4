// Checks a received webhook as an off-the-shelf receiver would: with the
// standardwebhooks library's Webhook(secret).verify(body, headers).
import { Webhook } from "standardwebhooks";
import { vi } from "vitest";
import type { Received } from "./webhook-receiver.ts";

/**
 * Verifies `got` with `secret` (the `whsec_…` form, or the raw secret with
 * `{ format: "raw" }`) as of `at`: the library refuses a timestamp five
 * minutes away from its Date.now(), and the tests run on a fake clock, so
 * Date alone reads `at` for this one synchronous call. Returns the parsed
 * body; throws WebhookVerificationError when it does not verify.
 */
export function verifyStandard(secret: string, got: Received, at: Date, options?: { format: "raw" }): unknown {
  vi.useFakeTimers({ toFake: ["Date"], now: at });
  try {
    return new Webhook(secret, options).verify(got.body, got.headers as Record<string, string>);
  } finally {
    vi.useRealTimers();
  }
}
