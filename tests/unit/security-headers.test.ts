import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { commonHeaders, pagePolicy } from "../../src/middleware/security-headers.ts";
import { inlineScriptHashes, render } from "../../src/render/index.ts";

const hashOf = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("pagePolicy", () => {
  it("Should allow the given script hashes and nothing inline, frame ancestors from the config", () => {
    const config = loadConfig({ PAGE_FRAME_ANCESTORS: "https://intranet.example.com" });
    expect(pagePolicy(config, ["'sha256-a'", "'sha256-b'"])).toBe(
      "default-src 'none'; script-src 'sha256-a' 'sha256-b'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors https://intranet.example.com",
    );
  });

  it("Should allow images from the logo's origin only, and no script at all without hashes", () => {
    const config = loadConfig({ PAGE_LOGO_URL: "http://cdn.example.net:8080/brand/logo.svg?v=2" });
    const policy = pagePolicy(config, []);
    expect(policy).toContain("img-src 'self' data: http://cdn.example.net:8080;");
    expect(policy).toContain("script-src 'none';");
    expect(policy).toContain("frame-ancestors 'self'");
  });
});

describe("commonHeaders", () => {
  it("Should send HSTS when PUBLIC_URL is https, and never over http", () => {
    expect(commonHeaders(loadConfig({ PUBLIC_URL: "HTTPS://status.example.com" }))).toEqual([
      ["x-content-type-options", "nosniff"],
      ["referrer-policy", "strict-origin-when-cross-origin"],
      ["strict-transport-security", "max-age=31536000"],
    ]);
    for (const env of [{}, { PUBLIC_URL: "http://status.example.com" }]) {
      expect(commonHeaders(loadConfig(env)).map(([name]) => name)).not.toContain("strict-transport-security");
    }
  });
});

describe("inlineScriptHashes", () => {
  it("Should hold the hash of every script the templates render, as rendered", () => {
    const rendered = [render("partials/footer", { chrome: { timeZone: "UTC" } }), render("pages/docs", {})];
    const scripts = rendered.flatMap((html) => [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]));
    expect(scripts).toHaveLength(2);
    expect([...inlineScriptHashes].sort()).toEqual(scripts.map(hashOf).sort());
  });
});
