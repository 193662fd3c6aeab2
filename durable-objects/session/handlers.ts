/**
 * What each client frame does. `hello` must come first; every other frame needs a ready
 * socket. Refusals are `error` replies to that client only; the session carries on.
 */
import type { ClientFrame, ErrorCode, FeedbackData, StepData } from "../../protocol/frames.js";
import { appConfig } from "../../worker/app.js";
import { rateRefusal } from "../../worker/auth/rate-limit.js";
import { Action } from "../sdk/action.js";
import { hooks } from "../sdk/hooks.js";
import { Message } from "../sdk/message.js";
import { decodeValue } from "../sdk/serialize.js";
import { UploadedFile } from "../sdk/uploaded-file.js";
import { User } from "../sdk/user.js";
import { handleAudio } from "./audio.js";
import { elementAction, elementProps } from "./custom-elements.js";
import { editMessage } from "./edit.js";
import {
  ASK_DEFAULTS,
  claimUploads,
  currentPolicy,
  dropPending,
  MESSAGE_SLOT,
  showUploads,
} from "./files.js";
import type { Session } from "./session.js";
import { applySettings } from "./settings.js";
import { socketState } from "./sockets.js";

/** Refuses a frame to its sender; `frame` names the refused frame's type when known. */
export function reply(
  ws: WebSocket,
  code: ErrorCode,
  message: string,
  frame?: ClientFrame["type"],
): void {
  try {
    ws.send(
      JSON.stringify(
        frame ? { type: "error", code, message, frame } : { type: "error", code, message },
      ),
    );
  } catch {
    // The socket is already closing.
  }
}

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

/** The user connected to the session, as the Worker verified them. */
export function currentUser(session: Session): User {
  const encoded = session.store.getValue("user");
  const user = encoded ? decodeValue(encoded) : null;
  return user instanceof User ? user : new User({ identifier: session.owner() ?? "user" });
}

export async function handleFrame(
  session: Session,
  ws: WebSocket,
  frame: ClientFrame,
): Promise<void> {
  if (frame.type === "hello") return session.hello(ws, frame);
  if (frame.type === "ping") return void ws.send('{"type":"pong"}');
  if (!socketState(ws).ready) return reply(ws, "bad_frame", "send hello first");
  switch (frame.type) {
    case "message":
      return userMessage(session, ws, frame);
    case "edit_message":
      return editMessage(session, ws, frame);
    case "stop":
      return session.stop();
    case "action":
      return action(session, ws, frame.id);
    case "ask_reply":
      return askReply(session, ws, frame);
    case "settings":
      return applySettings(session, ws, frame.values);
    case "feedback":
      return feedback(session, ws, frame);
    case "element_props":
      return elementProps(session, ws, frame);
    case "element_action":
      return elementAction(session, ws, frame);
    case "audio_start":
    case "audio_chunk":
    case "audio_end":
      return handleAudio(session, ws, frame);
  }
}

/**
 * Records a user-typed message step. Its id is made here (a client never names storage keys);
 * the client's own message id rides along as `metadata.clientId` so the UI can match its echo.
 */
export function userStep(session: Session, content: string, clientId?: string): StepData {
  const user = currentUser(session);
  const step: StepData = {
    id: crypto.randomUUID(),
    parentId: null,
    type: "user_message",
    name: user.displayName ?? user.identifier,
    output: content,
    createdAt: Date.now(),
    order: session.store.nextOrder(),
    ...(clientId ? { metadata: { clientId } } : {}),
  };
  session.emitter.step(step);
  if (!session.store.getMeta("threadName")) {
    const name = content.trim().slice(0, 100) || "New chat";
    session.store.setMeta("threadName", name);
    session.emitter.emit({ type: "thread", threadId: session.id, name });
    session.persister.soon();
  }
  return step;
}

async function userMessage(
  session: Session,
  ws: WebSocket,
  frame: Extract<ClientFrame, { type: "message" }>,
): Promise<void> {
  if (tooLong(ws, "message", frame.content)) return;
  if (!(await withinLimit(session, ws, "message"))) return;
  // A resend after a reconnect carries the same client id: run it once.
  if (!session.store.markSeen(frame.id)) return;
  const uploads = frame.files?.length ? claimMessageFiles(session, ws, frame.files) : [];
  if (!uploads) return;
  await dropPending(session, MESSAGE_SLOT);
  const step = userStep(session, frame.content, frame.id);
  showUploads(session, step.id, uploads);
  const message = Message.fromStep(step);
  message.elements = uploads.map((u) => new UploadedFile({ ...u, forId: step.id }));
  const onMessage = hooks.message;
  if (onMessage) await session.runTask("onMessage", () => onMessage(message));
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

/** The uploads a message names, claimed; undefined (and an error reply) when refused. */
function claimMessageFiles(session: Session, ws: WebSocket, ids: string[]) {
  const policy = currentPolicy(session);
  if ("status" in policy || policy.slot !== MESSAGE_SLOT) {
    return void reply(ws, "bad_frame", "files cannot be sent with a message now");
  }
  const claim = claimUploads(session, ids, policy);
  if (!claim.ok) return void reply(ws, claim.code, claim.message);
  return claim.uploads;
}

async function action(session: Session, ws: WebSocket, id: string): Promise<void> {
  const data = session.store.actions().find((a) => a.id === id);
  if (!data) return reply(ws, "not_found", `no action with id "${id}"`);
  const callback = hooks.actions.get(data.name);
  if (!callback) return reply(ws, "not_found", `no callback for action "${data.name}"`);
  if (!(await withinLimit(session, ws, "action"))) return;
  const act = new Action(data);
  await session.runTask(`action ${data.name}`, () => callback(act));
}

async function askReply(
  session: Session,
  ws: WebSocket,
  frame: Extract<ClientFrame, { type: "ask_reply" }>,
): Promise<void> {
  const ask = session.store.asks().find((a) => a.id === frame.askId);
  if (!ask || !session.askWaiters.has(ask.id)) {
    if (ask) session.resolveAsk(ask.id, undefined);
    return reply(ws, "ask_closed", "that question is no longer open");
  }
  if (ask.kind === "text" && typeof frame.text !== "string") {
    return reply(ws, "bad_frame", "this question needs a text answer");
  }
  if (frame.text !== undefined && tooLong(ws, "ask_reply", frame.text)) return;
  if (ask.kind === "action" && !ask.actions?.some((a) => a.id === frame.actionId)) {
    return reply(ws, "not_found", "that action is not one of the choices");
  }
  if (ask.kind === "file" && !frame.files?.length) {
    return reply(ws, "bad_frame", "this question needs files");
  }
  if (!(await withinLimit(session, ws, "ask_reply"))) return;
  // The ask may have ended (timed out, answered by another tab) while the limit was checked.
  if (!session.askWaiters.has(ask.id))
    return reply(ws, "ask_closed", "that question is no longer open");
  if (ask.kind === "file" && frame.files) {
    const claim = claimUploads(session, frame.files, {
      accept: ask.accept ?? ["*/*"],
      maxBytes: (ask.maxSizeMb ?? ASK_DEFAULTS.maxSizeMb) * 1024 * 1024,
      maxFiles: ask.maxFiles ?? ASK_DEFAULTS.maxFiles,
      slot: ask.id,
    });
    if (!claim.ok) return reply(ws, claim.code, claim.message);
    await dropPending(session, ask.id);
  }
  session.resolveAsk(ask.id, frame);
}

/** The tail of each session's feedback queue (in memory: ordering matters only while live). */
const feedbackQueue = new WeakMap<Session, Promise<void>>();

/** Stores one feedback unless it is a repeat or over the limit; what was stored, or null. */
async function recordFeedback(
  session: Session,
  ws: WebSocket,
  frame: Extract<ClientFrame, { type: "feedback" }>,
): Promise<{ step: StepData; value: FeedbackData } | null> {
  const step = session.store.step(frame.stepId);
  if (step?.type !== "assistant_message") {
    reply(ws, "not_found", "no answer with that id");
    return null;
  }
  const value = { value: frame.value, ...(frame.comment ? { comment: frame.comment } : {}) };
  // The same feedback again changes nothing: nothing is stored, sent or run.
  if (step.feedback?.value === value.value && step.feedback.comment === value.comment) return null;
  if (!(await withinLimit(session, ws, "feedback"))) return null;
  // A small event, written to D1 with the session's next batch (never one write per click).
  session.emitter.feedback(step.id, value);
  return { step, value };
}

async function feedback(
  session: Session,
  ws: WebSocket,
  frame: Extract<ClientFrame, { type: "feedback" }>,
): Promise<void> {
  // One feedback at a time, in the order given: each compares with what the one before it
  // stored, across the rate limiter's await, so the last click is the one that stays.
  const previous = feedbackQueue.get(session) ?? Promise.resolve();
  const turn = previous.then(() => recordFeedback(session, ws, frame));
  feedbackQueue.set(
    session,
    turn.then(
      () => undefined,
      () => undefined,
    ),
  );
  const recorded = await turn;
  if (!recorded) return;
  const { step, value } = recorded;
  const onFeedback = hooks.feedback;
  if (onFeedback)
    await session.runHook("onFeedback", () => onFeedback({ forId: step.id, ...value }));
}
