import { describe, expect, it } from "vitest";
import { redactUrls } from "../../src/lib/redact.ts";

describe("redactUrls", () => {
  it("Should replace every URL, credentials and all, and leave the rest of the words", () => {
    const text =
      "Request cannot be constructed from a URL that includes credentials: http://user:pass@127.0.0.1:43000/cred and also https://hooks.example.com/x?token=abc";
    const redacted = redactUrls(text);
    expect(redacted).toBe("Request cannot be constructed from a URL that includes credentials: [url] and also [url]");
    expect(redacted).not.toMatch(/user|pass|token|127\.0\.0\.1/);
  });

  it("Should leave text without URLs as it is", () => {
    expect(redactUrls("sub_123 answered HTTP 500")).toBe("sub_123 answered HTTP 500");
  });
});
