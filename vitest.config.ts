import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["tests/support/global-setup.ts"],
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // vitest's default is one worker fewer than the cores: one on a 2-core machine, where the suite then
    // runs file after file. Most of its time is spent waiting (servers, processes, timers), and each file
    // has databases of its own, so two at once take 544 s instead of 703 s there (CI, 2026-12-03).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // In CI also write a JSON report, from which .ci/run prints a plain closing line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
