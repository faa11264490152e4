// The Node entry's pino logger in a process of its own (it writes to fd 1):
// fields named like secrets are written as "[redacted]", one level down too.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/candor-process.ts";

function run(script: string) {
  const result = spawnSync(join(repoRoot, "node_modules", ".bin", "node"), ["--input-type=module", "-e", script], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 20_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line));
}

describe("the process logger", () => {
  it("Should write fields named like secrets as [redacted], at the top and one level down, and flush at exit", () => {
    const [line, last] = run(`
      import { createLogger } from "./src/entry/logger.ts";
      const { logger, flush } = await createLogger({ level: "info", format: "json" }, "main");
      logger.info({ password: "pw-SECRET", token: "tok-SECRET", channel: "email",
        smtp: { password: "pw2-SECRET", host: "mx" }, headers: { authorization: "Bearer key-SECRET" },
        subscriber: { email: "ann-SECRET@example.com" }, webhook: { url: "https://h/SECRET" } }, "with secrets");
      logger.debug({ n: 1 }, "below the level");
      logger.warn({ n: 2 }, "last");
      flush();
      process.exit(0);
    `);
    expect(JSON.stringify(line)).not.toContain("SECRET");
    expect(line).toMatchObject({
      level: 30,
      thread: "main",
      msg: "with secrets",
      password: "[redacted]",
      token: "[redacted]",
      channel: "email",
      smtp: { password: "[redacted]", host: "mx" },
      headers: { authorization: "[redacted]" },
      subscriber: { email: "[redacted]" },
      webhook: { url: "[redacted]" },
    });
    // Debug is below "info"; the warning after it was flushed before process.exit.
    expect(last).toMatchObject({ level: 40, msg: "last", n: 2 });
  });
});
