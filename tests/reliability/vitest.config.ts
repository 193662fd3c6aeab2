import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import workers from "../workers/vitest.config.js";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The standing reliability suite: fuzzing, forced disconnects, a soak and amplification
 * bounds, on the same Worker, fixture app and runtime as the `workers` project. It runs short
 * in `npm test`; `npm run test:reliability` runs it at full scale (EDGELIT_RELIABILITY=full).
 */
export default defineConfig({
  ...workers,
  test: {
    ...workers.test,
    name: "reliability",
    include: [here("./**/*.test.ts")],
    testTimeout: 600_000,
    // Thousands of refused frames are the point here; their one-line warnings are not news.
    onConsoleLog: (log) => !log.includes("refused frame"),
    provide: { reliabilityScale: process.env.EDGELIT_RELIABILITY === "full" ? "full" : "short" },
  },
});
