import { describe, expect, it } from "vitest";
import { requestIds } from "../../src/entry/request-ids.ts";

describe("request ids for cache hits", () => {
  it("Should be UUID-shaped and all different, across refills of the random bytes", () => {
    const nextId = requestIds(16);
    const ids = Array.from({ length: 1000 }, () => nextId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("Should not count: consecutive ids share nothing but the process's prefix", () => {
    const nextId = requestIds();
    const [a, b] = [nextId(), nextId()];
    expect(a.slice(0, 24)).toBe(b.slice(0, 24));
    expect(Number.parseInt(b.slice(24), 16) - Number.parseInt(a.slice(24), 16)).not.toBe(1);
    expect(requestIds()().slice(0, 24)).not.toBe(a.slice(0, 24));
  });
});
