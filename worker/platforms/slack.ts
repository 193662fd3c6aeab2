/**
 * `POST /slack/events`: Slack's Events API and interactivity on one URL. Every request must
 * carry a valid `X-Slack-Signature` (v0, HMAC-SHA256 with the signing secret) at most five
 * minutes old and never seen before; then a mention or a direct message runs onMessage in the
 * thread's session, and a button click its action. Slack gets its 200 at once.
 */
import type { Context } from "hono";
import type { PlatformTarget, PlatformUser } from "../../protocol/platforms.js";
import type { AppEnv } from "../types.js";
import {
  clickRefusal,
  firstTime,
  forwardClick,
  forwardTurn,
  fresh,
  turnRefusal,
} from "./forward.js";

/** True when Slack is configured (both secrets set): the route exists only then. */
export function slackEnabled(env: Env): boolean {
  return Boolean(env.SLACK_BOT_TOKEN && env.SLACK_SIGNING_SECRET);
}

function hexBytes(hex: string): Uint8Array | null {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return null;
  return new Uint8Array(hex.match(/../g)?.map((b) => Number.parseInt(b, 16)) ?? []);
}

/** Slack's v0 signature check (constant time, by `crypto.subtle.verify`). */
export async function slackSignatureValid(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): Promise<boolean> {
  const mac = signature.startsWith("v0=") ? hexBytes(signature.slice(3)) : null;
  if (mac?.length !== 32) return false;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  return crypto.subtle.verify("HMAC", key, mac, encoder.encode(`v0:${timestamp}:${body}`));
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 && value.length <= 256 ? value : undefined;
}

function slackUser(team: string, user: string): PlatformUser {
  return { identifier: `slack:${team}:${user}` };
}

/** A mention or a direct message: the thread's session answers it. */
async function onEvent(c: Context<AppEnv>, body: Json): Promise<Response> {
  const event = isObject(body.event) ? body.event : {};
  const eventId = str(body.event_id);
  const team = str(body.team_id);
  // Slack retries an event it thinks went unanswered (with a new signature): run it once.
  if (eventId && !(await firstTime(c.env, `slack-event:${eventId}`))) {
    return c.json({ ok: true, duplicate: true });
  }
  const type = event.type;
  const direct = type === "message" && event.channel_type === "im";
  // Bots' messages (ours included) and edits, joins, … are not questions.
  if ((type !== "app_mention" && !direct) || event.bot_id || event.subtype) {
    return c.json({ ok: true, ignored: true });
  }
  const user = str(event.user);
  const channel = str(event.channel);
  const ts = str(event.ts);
  if (!team || !user || !channel || !ts || typeof event.text !== "string") {
    return c.json({ error: "event without team, user, channel, ts or text" }, 400);
  }
  const threadTs = str(event.thread_ts) ?? ts;
  const text = event.text.replace(/<@[A-Z0-9]+>/g, "").trim();
  const target: PlatformTarget = { platform: "slack", channel, threadTs };
  const turn = {
    platform: "slack" as const,
    messageId: `${channel}:${ts}`,
    user: slackUser(team, user),
    text,
    target,
  };
  const refusal = await turnRefusal(c.env, turn);
  if (refusal) return c.json({ error: refusal }, 429);
  const accepted = await forwardTurn(c, `slack:${team}:${channel}:${threadTs}`, turn);
  return accepted.ok ? c.json({ ok: true }) : c.json({ error: accepted.error }, accepted.status);
}

/** A button click (`block_actions`): the action of the thread's session runs. */
async function onInteraction(c: Context<AppEnv>, payload: Json): Promise<Response> {
  if (payload.type !== "block_actions") return c.json({ ok: true, ignored: true });
  const user = isObject(payload.user) ? payload.user : {};
  const team = str(isObject(payload.team) ? payload.team.id : undefined) ?? str(user.team_id);
  const channel = str(isObject(payload.channel) ? payload.channel.id : undefined);
  const message = isObject(payload.message) ? payload.message : {};
  const threadTs = str(message.thread_ts) ?? str(message.ts);
  const first = Array.isArray(payload.actions) ? payload.actions[0] : undefined;
  const actionId = isObject(first) ? str(first.action_id) : undefined;
  const userId = str(user.id);
  if (!team || !channel || !threadTs || !actionId || !userId) {
    return c.json({ error: "block_actions without team, channel, message, user or action" }, 400);
  }
  const click = {
    platform: "slack" as const,
    actionId,
    user: slackUser(team, userId),
    target: { platform: "slack" as const, channel, threadTs },
  };
  const refusal = await clickRefusal(c.env, click);
  if (refusal) return c.json({ error: refusal }, 429);
  const accepted = await forwardClick(c, `slack:${team}:${channel}:${threadTs}`, click);
  return accepted.ok ? c.body(null, 200) : c.json({ error: accepted.error }, accepted.status);
}

/** The route's handler; a 404 when Slack is not configured. */
export async function slackEvents(c: Context<AppEnv>): Promise<Response> {
  const secret = c.env.SLACK_SIGNING_SECRET;
  if (!slackEnabled(c.env) || !secret) return c.json({ error: "not found" }, 404);
  // Read as bytes: the signature covers them exactly, whatever the content type.
  const raw = new TextDecoder().decode(await c.req.arrayBuffer());
  const timestamp = c.req.header("x-slack-request-timestamp");
  const signature = c.req.header("x-slack-signature") ?? "";
  if (!timestamp || !fresh(timestamp)) return c.json({ error: "stale or missing timestamp" }, 401);
  if (!(await slackSignatureValid(secret, timestamp, raw, signature))) {
    return c.json({ error: "bad signature" }, 401);
  }
  // The same signed request twice is a replay, whatever it carries.
  if (!(await firstTime(c.env, `slack-signature:${signature}`))) {
    return c.json({ error: "replayed request" }, 409);
  }
  const form = (c.req.header("content-type") ?? "").includes("application/x-www-form-urlencoded");
  let body: unknown;
  try {
    body = JSON.parse(form ? (new URLSearchParams(raw).get("payload") ?? "") : raw);
  } catch {
    return c.json({ error: "body is not JSON (or a form with a JSON payload)" }, 400);
  }
  if (!isObject(body)) return c.json({ error: "body is not a JSON object" }, 400);
  if (form) return onInteraction(c, body);
  if (body.type === "url_verification") return c.json({ challenge: String(body.challenge ?? "") });
  if (body.type === "event_callback") return onEvent(c, body);
  return c.json({ ok: true, ignored: true });
}
