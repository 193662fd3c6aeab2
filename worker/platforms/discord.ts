/**
 * `POST /discord/interactions`: Discord's interactions endpoint. Every request must carry a
 * valid Ed25519 signature (discord-interactions' verifyKey) with a timestamp at most five
 * minutes old, for this app, never seen before. A slash command (`/ask text`) or a message
 * command gets a deferred response at once, and the channel's session edits it with the answer;
 * a button click is acknowledged and its action's messages come as follow-ups.
 */
import { verifyKey } from "discord-interactions";
import type { Context } from "hono";
import type { PlatformUser } from "../../protocol/platforms.js";
import type { AppEnv } from "../types.js";
import {
  clickRefusal,
  firstTime,
  forwardClick,
  forwardTurn,
  fresh,
  turnRefusal,
} from "./forward.js";

/** Discord's interaction and response types used here. */
const PING = 1;
const APPLICATION_COMMAND = 2;
const MESSAGE_COMPONENT = 3;
const PONG = 1;
const CHANNEL_MESSAGE = 4;
const DEFERRED_CHANNEL_MESSAGE = 5;
const DEFERRED_UPDATE_MESSAGE = 6;
/** Message flag: only the user who asked sees it. */
const EPHEMERAL = 64;

/** True when Discord is configured (all three set): the route exists only then. */
export function discordEnabled(env: Env): boolean {
  return Boolean(env.DISCORD_APPLICATION_ID && env.DISCORD_PUBLIC_KEY && env.DISCORD_BOT_TOKEN);
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 && value.length <= 4000 ? value : undefined;
}

function snowflake(value: unknown): string | undefined {
  return typeof value === "string" && /^\d{1,20}$/.test(value) ? value : undefined;
}

/** The user who interacted (a guild member's user, or the DM's user). */
function discordUser(interaction: Json): PlatformUser | null {
  const member = isObject(interaction.member) ? interaction.member : {};
  const user = isObject(member.user)
    ? member.user
    : isObject(interaction.user)
      ? interaction.user
      : {};
  const id = snowflake(user.id);
  if (!id) return null;
  const name = str(user.global_name) ?? str(user.username);
  return { identifier: `discord:${id}`, ...(name ? { displayName: name } : {}) };
}

/** A command's text: `/ask`'s first string option, or a message command's target message. */
function commandText(data: Json): string | undefined {
  if (Array.isArray(data.options)) {
    for (const option of data.options) {
      if (isObject(option) && typeof option.value === "string") return option.value;
    }
  }
  const resolved =
    isObject(data.resolved) && isObject(data.resolved.messages) ? data.resolved.messages : {};
  const target = snowflake(data.target_id);
  const message = target ? resolved[target] : undefined;
  return isObject(message) && typeof message.content === "string" ? message.content : undefined;
}

/** An answer only the user sees (a refusal). */
function ephemeral(c: Context<AppEnv>, content: string): Response {
  return c.json({
    type: CHANNEL_MESSAGE,
    data: { content: content.slice(0, 2000), flags: EPHEMERAL },
  });
}

/** The route's handler; a 404 when Discord is not configured. */
export async function discordInteractions(c: Context<AppEnv>): Promise<Response> {
  const publicKey = c.env.DISCORD_PUBLIC_KEY;
  const appId = c.env.DISCORD_APPLICATION_ID;
  if (!discordEnabled(c.env) || !publicKey || !appId) return c.json({ error: "not found" }, 404);
  const raw = await c.req.text();
  const signature = c.req.header("x-signature-ed25519") ?? "";
  const timestamp = c.req.header("x-signature-timestamp") ?? "";
  if (!fresh(timestamp)) return c.json({ error: "stale or missing timestamp" }, 401);
  let valid = false;
  try {
    valid =
      /^[0-9a-f]{128}$/i.test(signature) && (await verifyKey(raw, signature, timestamp, publicKey));
  } catch {
    valid = false;
  }
  if (!valid) return c.json({ error: "bad signature" }, 401);
  let interaction: unknown;
  try {
    interaction = JSON.parse(raw);
  } catch {
    return c.json({ error: "body is not JSON" }, 400);
  }
  if (!isObject(interaction)) return c.json({ error: "body is not a JSON object" }, 400);
  if (interaction.type === PING) return c.json({ type: PONG });
  const id = snowflake(interaction.id);
  const token = str(interaction.token);
  if (!id || !token || interaction.application_id !== appId) {
    return c.json({ error: "interaction without id or token, or for another application" }, 400);
  }
  if (!(await firstTime(c.env, `discord:${id}`))) return c.json({ error: "replayed request" }, 409);
  const user = discordUser(interaction);
  const channel =
    snowflake(interaction.channel_id) ??
    snowflake(isObject(interaction.channel) ? interaction.channel.id : undefined);
  if (!user || !channel) return c.json({ error: "interaction without user or channel" }, 400);
  const key = `discord:${snowflake(interaction.guild_id) ?? "dm"}:${channel}`;
  const data = isObject(interaction.data) ? interaction.data : {};

  if (interaction.type === APPLICATION_COMMAND) {
    const text = commandText(data)?.trim();
    if (!text) return ephemeral(c, "Ask something: `/ask text`.");
    const turn = {
      platform: "discord" as const,
      messageId: id,
      user,
      text,
      target: { platform: "discord" as const, applicationId: appId, token, original: true },
    };
    const refusal = await turnRefusal(c.env, turn);
    if (refusal) return ephemeral(c, refusal);
    const accepted = await forwardTurn(c, key, turn);
    if (!accepted.ok) return ephemeral(c, accepted.error);
    return c.json({ type: DEFERRED_CHANNEL_MESSAGE });
  }
  if (interaction.type === MESSAGE_COMPONENT) {
    const actionId = str(data.custom_id);
    if (!actionId) return c.json({ error: "component without custom_id" }, 400);
    // The clicked message stays as it is: the action's messages are follow-ups.
    const target = { platform: "discord" as const, applicationId: appId, token, original: false };
    const click = { platform: "discord" as const, actionId, user, target };
    const refusal = await clickRefusal(c.env, click);
    if (refusal) return ephemeral(c, refusal);
    const accepted = await forwardClick(c, key, click);
    if (!accepted.ok) return ephemeral(c, accepted.error);
    return c.json({ type: DEFERRED_UPDATE_MESSAGE });
  }
  return ephemeral(c, "This app answers `/ask` and its own buttons.");
}
