/**
 * The limits a client frame is checked against before it runs app code: the per-user and
 * per-IP rate limits of `[project] rate_limit` and `[project] max_message_chars`. A refusal is
 * an `error` reply to the sender only; the session carries on.
 */

import { appConfig } from "../../protocol/app.js";
import type { ClientFrame } from "../../protocol/frames.js";
import { rateRefusal } from "../rate-limiter.js";
import type { Session } from "./session.js";
import { reply, socketState } from "./sockets.js";

/**
 * Counts a frame that runs app code or writes the session against its user's (and IP's) rate
 * limit: messages (and edits) have their own, every other such frame shares one. False, and a
 * `rate_limited` refusal naming the frame, when over the limit.
 */
export async function withinLimit(
  session: Session,
  ws: WebSocket,
  frame: ClientFrame["type"],
): Promise<boolean> {
  // An edit runs onMessage again, so it counts as a message.
  const kind = frame === "message" || frame === "edit_message" ? "messages" : "actions";
  const refusal = await rateRefusal(session.env, kind, socketState(ws));
  if (refusal) reply(ws, "rate_limited", refusal, frame);
  return refusal === null;
}

/** True (and a refusal) for text over `[project] max_message_chars`. */
export function tooLong(
  ws: WebSocket,
  frame: "message" | "ask_reply" | "edit_message",
  text: string,
): boolean {
  const limit = appConfig.project.max_message_chars;
  if (text.length <= limit) return false;
  const what = frame === "ask_reply" ? "answer" : "message";
  reply(ws, "too_large", `${what} is ${text.length} characters; the limit is ${limit}`, frame);
  return true;
}
