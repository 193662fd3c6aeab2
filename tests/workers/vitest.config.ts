import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Runtime tests: the real Worker and session Durable Object in workerd, with local D1 and R2.
 * The app is a fixture whose hooks each test installs itself (tests/workers/harness.ts).
 */
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: here("../../wrangler.toml") },
    }),
  ],
  resolve: {
    alias: [
      { find: /^edgelit$/, replacement: here("../../durable-objects/sdk/index.ts") },
      { find: /^edgelit:app$/, replacement: here("./fixture-app.ts") },
      { find: /^edgelit:meta$/, replacement: here("./fixture-meta.ts") },
    ],
  },
  test: {
    name: "workers",
    include: [here("./**/*.test.ts")],
    globalSetup: [here("./global-setup.ts")],
    testTimeout: 20_000,
  },
});
