import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Runtime tests: the real Worker and session Durable Object in workerd, with local D1 and R2.
 * The app is a fixture whose hooks each test installs itself (tests/workers/harness.ts).
 */
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: here("../../wrangler.toml") },
      // The D1 migrations, applied by ./apply-migrations.ts before each test file.
      miniflare: {
        bindings: { TEST_MIGRATIONS: await readD1Migrations(here("../../schema/migrations")) },
      },
    })),
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
    setupFiles: [here("./apply-migrations.ts")],
    testTimeout: 20_000,
  },
});
