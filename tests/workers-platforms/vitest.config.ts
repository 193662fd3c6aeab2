import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { SLACK_BOT_TOKEN, TEAMS_APP_ID, TEAMS_APP_PASSWORD } from "./secrets.js";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Runtime tests of the chat platforms: the real Worker and session Durable Object in workerd
 * with Slack, Discord and Teams configured, their APIs pointed at the loopback fake started by
 * ./global-setup.ts (which also makes the keys the tests sign requests with).
 */
export default defineConfig({
  plugins: [
    cloudflareTest(async ({ inject }) => ({
      wrangler: { configPath: here("../../wrangler.toml") },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(here("../../schema/migrations")),
          SLACK_BOT_TOKEN,
          SLACK_SIGNING_SECRET: "slack-test-signing-secret",
          SLACK_API_URL: `${inject("platformUrl")}/slack/api`,
          DISCORD_APPLICATION_ID: "123456789012345678",
          DISCORD_PUBLIC_KEY: inject("discordPublicKey"),
          DISCORD_BOT_TOKEN: "discord-test-bot-token",
          DISCORD_API_URL: `${inject("platformUrl")}/discord`,
          TEAMS_APP_ID,
          TEAMS_APP_PASSWORD,
          TEAMS_OPENID_URL: `${inject("platformUrl")}/teams/openid`,
          TEAMS_TOKEN_URL: `${inject("platformUrl")}/teams/token`,
        },
      },
    })),
  ],
  resolve: {
    alias: [
      { find: /^edgelit$/, replacement: here("../../durable-objects/sdk/index.ts") },
      { find: /^edgelit:app$/, replacement: here("../workers/fixture-app.ts") },
      { find: /^edgelit:meta$/, replacement: here("./fixture-meta.ts") },
    ],
  },
  test: {
    name: "workers-platforms",
    include: [here("./**/*.test.ts")],
    globalSetup: [here("./global-setup.ts")],
    setupFiles: [here("../workers/apply-migrations.ts")],
    testTimeout: 30_000,
  },
});
