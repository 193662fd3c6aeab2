import { defineConfig } from "vitest/config";

/**
 * Every test suite, as Vitest projects: `unit`, `cli` and `kit` (the packed kit in a fresh
 * project) in Node, `workers` inside workerd (the
 * Workers Vitest pool), `e2e` in Node driving `edgelit run` and headless Chromium.
 * `npm test` runs them through tests/run.mjs, which checks for Chromium first.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "cli",
          include: ["tests/cli/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "kit",
          include: ["tests/kit/**/*.test.ts"],
          environment: "node",
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      "tests/workers/vitest.config.ts",
      "tests/workers-auth/vitest.config.ts",
      "tests/workers-platforms/vitest.config.ts",
      "tests/reliability/vitest.config.ts",
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
