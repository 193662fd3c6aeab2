import { generateKeyPairSync } from "node:crypto";
import { exportJWK, generateKeyPair } from "jose";
import type { TestProject } from "vitest/node";
import { startPlatformServer } from "../helpers/platform-server.js";
import { SLACK_BOT_TOKEN, TEAMS_APP_ID, TEAMS_APP_PASSWORD } from "./secrets.js";

declare module "vitest" {
  export interface ProvidedContext {
    platformUrl: string;
    /** Discord's app key pair: the public key as hex (the app's config), the private as a JWK. */
    discordPublicKey: string;
    discordPrivateJwk: string;
    /** The fake Bot Framework's signing key (private JWK as JSON, with its kid). */
    teamsPrivateJwk: string;
  }
}

/** The loopback platform APIs, and the keys the tests sign their requests with. */
export default async function setup(project: TestProject) {
  const discord = generateKeyPairSync("ed25519");
  const discordPublic = discord.publicKey.export({ format: "jwk" });
  const teams = await generateKeyPair("RS256", { extractable: true });
  const kid = "test-key-1";
  const teamsPublic = { ...(await exportJWK(teams.publicKey)), kid, use: "sig", alg: "RS256" };
  const server = await startPlatformServer({
    slackToken: SLACK_BOT_TOKEN,
    teamsAppId: TEAMS_APP_ID,
    teamsPassword: TEAMS_APP_PASSWORD,
    teamsJwks: [teamsPublic],
  });
  project.provide("platformUrl", server.url);
  project.provide(
    "discordPublicKey",
    Buffer.from(String(discordPublic.x), "base64url").toString("hex"),
  );
  project.provide(
    "discordPrivateJwk",
    JSON.stringify(discord.privateKey.export({ format: "jwk" })),
  );
  project.provide(
    "teamsPrivateJwk",
    JSON.stringify({ ...(await exportJWK(teams.privateKey)), kid }),
  );
  return () => server.close();
}
