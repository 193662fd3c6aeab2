/**
 * `POST /teams/messages`: Bot Framework activities from Microsoft Teams. Each must carry a Bot
 * Connector JWT that verifies against the keys of the configured OpenID metadata, issued by
 * the Bot Framework, for this app (audience), unexpired, whose `serviceurl` claim is the
 * activity's `serviceUrl` (the only URL ever taken from a request: answers go there). A message
 * runs onMessage in the conversation's session; a card button's value runs its action.
 */
import type { Context } from "hono";
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from "jose";
import type { PlatformUser, TeamsTarget } from "../../protocol/platforms.js";
import type { AppEnv } from "../types.js";
import { clickRefusal, firstTime, forwardClick, forwardTurn, turnRefusal } from "./forward.js";

/** The Bot Connector's OpenID metadata; `TEAMS_OPENID_URL` replaces it (tests: loopback). */
export const TEAMS_OPENID_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration";

/** Who issues Bot Connector tokens. */
export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";

/** Clock skew allowed on `exp`/`nbf` (the Bot Framework's own SDKs allow 5 minutes). */
const CLOCK_TOLERANCE_S = 5 * 60;

/** True when Teams is configured (both secrets set): the route exists only then. */
export function teamsEnabled(env: Env): boolean {
  return Boolean(env.TEAMS_APP_ID && env.TEAMS_APP_PASSWORD);
}

/** Key sets per metadata URL, for the isolate's lifetime (jose caches and refreshes the keys). */
const keySets = new Map<string, JWTVerifyGetKey>();

async function keySet(metadataUrl: string): Promise<JWTVerifyGetKey> {
  const known = keySets.get(metadataUrl);
  if (known) return known;
  const res = await fetch(metadataUrl);
  if (!res.ok) throw new Error(`OpenID metadata: HTTP ${res.status}`);
  const metadata = (await res.json()) as { jwks_uri?: unknown };
  if (typeof metadata.jwks_uri !== "string") throw new Error("OpenID metadata without jwks_uri");
  const set = createRemoteJWKSet(new URL(metadata.jwks_uri));
  keySets.set(metadataUrl, set);
  return set;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown, max = 512): string | undefined {
  return typeof value === "string" && value.length > 0 && value.length <= max ? value : undefined;
}

/** The verified `serviceurl` claim, or null when the token is not a valid one for this app. */
async function verifiedServiceUrl(env: Env, authorization: string): Promise<string | null> {
  const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
  if (!token || !env.TEAMS_APP_ID) return null;
  try {
    const keys = await keySet(env.TEAMS_OPENID_URL || TEAMS_OPENID_URL);
    const { payload } = await jwtVerify(token, keys, {
      issuer: BOT_FRAMEWORK_ISSUER,
      audience: env.TEAMS_APP_ID,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ["exp"],
    });
    return typeof payload.serviceurl === "string" ? payload.serviceurl : null;
  } catch (err) {
    console.warn("Edgelit: Teams token refused:", err instanceof Error ? err.message : err);
    return null;
  }
}

/** The same URL, whatever a trailing slash. */
function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, "") === b.replace(/\/+$/, "");
}

/** The route's handler; a 404 when Teams is not configured. */
export async function teamsMessages(c: Context<AppEnv>): Promise<Response> {
  if (!teamsEnabled(c.env)) return c.json({ error: "not found" }, 404);
  const claimed = await verifiedServiceUrl(c.env, c.req.header("authorization") ?? "");
  if (!claimed) return c.json({ error: "bad or missing Bot Connector token" }, 401);
  let activity: unknown;
  try {
    activity = await c.req.json();
  } catch {
    return c.json({ error: "body is not JSON" }, 400);
  }
  if (!isObject(activity)) return c.json({ error: "body is not a JSON object" }, 400);
  const serviceUrl = str(activity.serviceUrl, 2048);
  if (!serviceUrl || !sameUrl(serviceUrl, claimed)) {
    return c.json({ error: "serviceUrl does not match the token" }, 401);
  }
  if (activity.type !== "message") return c.json({}, 200);
  const id = str(activity.id);
  const conversation = isObject(activity.conversation) ? str(activity.conversation.id) : undefined;
  const from = isObject(activity.from) ? activity.from : {};
  const recipient = isObject(activity.recipient) ? activity.recipient : {};
  const userId = str(from.aadObjectId) ?? str(from.id);
  const botId = str(recipient.id);
  if (!id || !conversation || !userId || !botId) {
    return c.json({ error: "activity without id, conversation, from or recipient" }, 400);
  }
  if (!(await firstTime(c.env, `teams:${conversation}:${id}`))) {
    return c.json({ error: "replayed request" }, 409);
  }
  const name = str(from.name);
  const user: PlatformUser = {
    identifier: `teams:${userId}`,
    ...(name ? { displayName: name } : {}),
  };
  const botName = str(recipient.name);
  const target: TeamsTarget = {
    platform: "teams",
    serviceUrl,
    conversationId: conversation,
    replyToId: id,
    bot: { id: botId, ...(botName ? { name: botName } : {}) },
  };
  const key = `teams:${conversation}`;
  const value = isObject(activity.value) ? activity.value : {};
  const actionId = str(value.edgelitAction);
  if (actionId) {
    const click = { platform: "teams" as const, actionId, user, target };
    const refusal = await clickRefusal(c.env, click);
    if (refusal) return c.json({ error: refusal }, 429);
    const accepted = await forwardClick(c, key, click);
    return accepted.ok ? c.json({}, 200) : c.json({ error: accepted.error }, accepted.status);
  }
  // Mentions of the bot arrive as <at>name</at> in the text.
  const text = String(activity.text ?? "")
    .replace(/<at>[^<]*<\/at>/g, "")
    .trim();
  if (!text) return c.json({}, 200);
  const turn = { platform: "teams" as const, messageId: id, user, text, target };
  const refusal = await turnRefusal(c.env, turn);
  if (refusal) return c.json({ error: refusal }, 429);
  const accepted = await forwardTurn(c, key, turn);
  return accepted.ok ? c.json({}, 200) : c.json({ error: accepted.error }, accepted.status);
}
