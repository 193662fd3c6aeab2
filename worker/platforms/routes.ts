/**
 * The chat platforms' webhooks. Each route answers 404 unless its platform is configured by
 * env secrets, and each verifies its platform's signature itself: these routes are mounted
 * before the browser middleware (Origin, login), which do not apply to server-to-server calls.
 */
import { Hono } from "hono";
import type { AppEnv } from "../types.js";
import { discordInteractions } from "./discord.js";
import { slackEvents } from "./slack.js";
import { teamsMessages } from "./teams.js";

export const platforms = new Hono<AppEnv>()
  .post("/slack/events", slackEvents)
  .post("/discord/interactions", discordInteractions)
  .post("/teams/messages", teamsMessages);
