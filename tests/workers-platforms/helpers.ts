/**
 * Signed platform requests made the way Slack, Discord and the Bot Connector make them, sent to
 * the real Worker (SELF), and the calls the loopback platform APIs received.
 */
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { importJWK, SignJWT } from "jose";
import { inject } from "vitest";
import type { PlatformCall } from "../helpers/platform-server.js";
import { TEAMS_APP_ID } from "./secrets.js";

const ORIGIN = "http://edgelit.test";
const encoder = new TextEncoder();

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** A Slack request signed with v0 (HMAC-SHA256); a form body when `form`. */
export async function slackRequest(
  body: unknown,
  options: { timestamp?: number; secret?: string; form?: boolean } = {},
): Promise<Request> {
  const timestamp = String(options.timestamp ?? now());
  const raw = options.form
    ? new URLSearchParams({ payload: JSON.stringify(body) }).toString()
    : JSON.stringify(body);
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(options.secret ?? env.SLACK_SIGNING_SECRET ?? ""),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`v0:${timestamp}:${raw}`));
  return new Request(`${ORIGIN}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": options.form ? "application/x-www-form-urlencoded" : "application/json",
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": `v0=${hex(mac)}`,
    },
    body: raw,
  });
}

/** A Slack message event (a mention in a channel, or a DM when `im`). */
export function slackEvent(
  event: { user: string; channel: string; ts: string; text: string; thread_ts?: string },
  options: { eventId?: string; im?: boolean; team?: string } = {},
) {
  return {
    type: "event_callback",
    team_id: options.team ?? "T1",
    event_id: options.eventId ?? `Ev${crypto.randomUUID().slice(0, 8)}`,
    event: options.im
      ? { type: "message", channel_type: "im", ...event }
      : { type: "app_mention", ...event, text: `<@UBOT> ${event.text}` },
  };
}

/** A Discord interaction signed with Ed25519 by the app's (test) key, or by `jwk`. */
export async function discordRequest(
  interaction: unknown,
  options: { timestamp?: number; jwk?: JsonWebKey } = {},
): Promise<Request> {
  const timestamp = String(options.timestamp ?? now());
  const raw = JSON.stringify(interaction);
  const key = await crypto.subtle.importKey(
    "jwk",
    options.jwk ?? (JSON.parse(inject("discordPrivateJwk")) as JsonWebKey),
    { name: "Ed25519" },
    false,
    ["sign"],
  );
  const signature = await crypto.subtle.sign("Ed25519", key, encoder.encode(timestamp + raw));
  return new Request(`${ORIGIN}/discord/interactions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-signature-ed25519": hex(signature),
      "x-signature-timestamp": timestamp,
    },
    body: raw,
  });
}

/** An `/ask` slash command in `channel` by `user`. */
export function discordAsk(id: string, user: string, channel: string, text: string) {
  return {
    id,
    application_id: env.DISCORD_APPLICATION_ID,
    type: 2,
    token: `itoken-${id}`,
    channel_id: channel,
    guild_id: "55555",
    member: { user: { id: user, username: `user${user}` } },
    data: { name: "ask", type: 1, options: [{ name: "text", type: 3, value: text }] },
  };
}

/** The fake Bot Connector's service URL (what the signed token's claim names). */
export function serviceUrl(): string {
  return `${inject("platformUrl")}/teams/connector`;
}

/** A Bot Connector JWT: signed by the fake Bot Framework's key unless `jwk` says otherwise. */
export async function teamsToken(
  claims: Record<string, unknown> = {},
  options: {
    jwk?: JsonWebKey & { kid: string };
    issuer?: string;
    audience?: string;
    expiresIn?: number;
  } = {},
): Promise<string> {
  const jwk =
    options.jwk ?? (JSON.parse(inject("teamsPrivateJwk")) as JsonWebKey & { kid: string });
  const key = await importJWK(jwk, "RS256");
  return new SignJWT({ serviceurl: serviceUrl(), ...claims })
    .setProtectedHeader({ alg: "RS256", kid: jwk.kid })
    .setIssuer(options.issuer ?? "https://api.botframework.com")
    .setAudience(options.audience ?? TEAMS_APP_ID)
    .setIssuedAt()
    .setExpirationTime(now() + (options.expiresIn ?? 3600))
    .sign(key);
}

/** A Teams message activity from `user` in `conversation`. */
export function teamsActivity(id: string, user: string, conversation: string, text: string) {
  return {
    type: "message",
    id,
    channelId: "msteams",
    serviceUrl: serviceUrl(),
    from: { id: `29:${user}`, name: `User ${user}`, aadObjectId: user },
    recipient: { id: "28:bot", name: "Edgelit bot" },
    conversation: { id: conversation },
    text,
  };
}

export function teamsRequest(activity: unknown, token: string): Request {
  return new Request(`${ORIGIN}/teams/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(activity),
  });
}

export function send(request: Request): Promise<Response> {
  return SELF.fetch(request);
}

/** Every call the loopback platform APIs received so far. */
export async function calls(): Promise<PlatformCall[]> {
  const res = await fetch(`${inject("platformUrl")}/_calls`);
  return res.json<PlatformCall[]>();
}

/** A D1 thread row. */
export function d1Thread(id: string) {
  return env.DB.prepare("SELECT id, name, owner_identifier FROM threads WHERE id = ?")
    .bind(id)
    .first<{ id: string; name: string; owner_identifier: string }>();
}
