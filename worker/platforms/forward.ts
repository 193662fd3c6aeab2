/**
 * What every platform route does once a request is verified: refuse replays, count the user's
 * rate limit, and hand the message or click to the conversation's session Durable Object, whose
 * own background work answers the platform (the route answers within the platform's deadline).
 */
import type { Context } from "hono";
import { limiter, rateRefusal } from "../../durable-objects/rate-limiter.js";
import { appConfig } from "../../protocol/app.js";
import {
  type PlatformAccepted,
  type PlatformClick,
  type PlatformTurn,
  platformSessionId,
} from "../../protocol/platforms.js";
import { sessionStub } from "../sessions.js";
import type { AppEnv } from "../types.js";

/** How old a signed platform request may be (Slack's and Discord's advice: 5 minutes). */
export const MAX_REQUEST_AGE_S = 5 * 60;

/** True when `seconds` (a Unix time from a signed header) is within MAX_REQUEST_AGE_S of now. */
export function fresh(seconds: string | undefined): boolean {
  if (!seconds || !/^\d{1,12}$/.test(seconds)) return false;
  return Math.abs(Date.now() / 1000 - Number(seconds)) <= MAX_REQUEST_AGE_S;
}

/** How long a request's id is remembered: longer than the oldest request accepted. */
const REPLAY_WINDOW_MS = 2 * MAX_REQUEST_AGE_S * 1000;

/**
 * True the first time `key` is seen within the replay window. One rate-limiter object per key
 * (a limit of one hit) keeps it across isolates and deletes it when the window has passed.
 */
export async function firstTime(env: Env, key: string): Promise<boolean> {
  const decision = await limiter(env, `replay:${key}`).hit(1, REPLAY_WINDOW_MS);
  return decision.allowed;
}

/** Why a message cannot run: over the user's rate limit or too long; null when it can. */
export async function turnRefusal(env: Env, turn: PlatformTurn): Promise<string | null> {
  const limit = appConfig.project.max_message_chars;
  if (turn.text.length > limit) {
    return `message is ${turn.text.length} characters; the limit is ${limit}`;
  }
  return rateRefusal(env, "messages", { user: turn.user.identifier });
}

/** Why a click cannot run (the user's rate limit), or null. */
export function clickRefusal(env: Env, click: PlatformClick): Promise<string | null> {
  return rateRefusal(env, "actions", { user: click.user.identifier });
}

/** Hands a message to the session of conversation `key`. */
export async function forwardTurn(
  c: Context<AppEnv>,
  key: string,
  turn: PlatformTurn,
): Promise<PlatformAccepted> {
  const id = await platformSessionId(key);
  return sessionStub(c.env, id).platformTurn(id, turn);
}

/** Hands a click to the session of conversation `key`. */
export async function forwardClick(
  c: Context<AppEnv>,
  key: string,
  click: PlatformClick,
): Promise<PlatformAccepted> {
  const id = await platformSessionId(key);
  return sessionStub(c.env, id).platformClick(id, click);
}
