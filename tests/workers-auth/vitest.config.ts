import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Runtime tests of login and access control: the real Worker in workerd with an app that
 * registers every auth callback (./fixture-app.ts), a signing secret, small rate limits, and
 * OAuth providers pointed at the loopback provider started by ./global-setup.ts.
 */
export default defineConfig({
  plugins: [
    cloudflareTest(async ({ inject }) => ({
      wrangler: { configPath: here("../../wrangler.toml") },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(here("../../schema/migrations")),
          // A test value from `edgelit create-secret` (a weak one would be refused).
          EDGELIT_AUTH_SECRET: "sJasow5ML2RJxC4LNV0wAET0SusSqmteMzfGfFdy5_I",
          OAUTH_GENERIC_CLIENT_ID: "edgelit-test",
          OAUTH_GENERIC_CLIENT_SECRET: "edgelit-test-secret",
          OAUTH_GENERIC_ISSUER: inject("oauthUrl"),
          OAUTH_GITHUB_CLIENT_ID: "edgelit-test",
          OAUTH_GITHUB_CLIENT_SECRET: "edgelit-test-secret",
          OAUTH_GITHUB_BASE_URL: inject("oauthUrl"),
          OAUTH_GITHUB_API_URL: `${inject("oauthUrl")}/api`,
          OAUTH_KEYCLOAK_CLIENT_ID: "edgelit-test",
          OAUTH_KEYCLOAK_CLIENT_SECRET: "edgelit-test-secret",
          OAUTH_KEYCLOAK_BASE_URL: inject("oauthUrl"),
          OAUTH_KEYCLOAK_REALM: "test",
          // Set without its required domain: must stay off.
          OAUTH_OKTA_CLIENT_ID: "edgelit-test",
        },
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
    name: "workers-auth",
    include: [here("./**/*.test.ts")],
    globalSetup: [here("./global-setup.ts")],
    setupFiles: [here("../workers/apply-migrations.ts")],
    testTimeout: 20_000,
  },
});
