/**
 * What each client frame does. `hello` must come first; every other frame needs a ready
 * socket. Refusals are `error` replies to that client only; the session carries on. The
 * frames with a module of their own (asks, settings, edits, custom elements) are only
 * dispatched from here.
 */
import type { ClientFrame, FeedbackData, StepData } from "../../protocol/frames.js";
import { Action } from "../sdk/action.js";
import { hooks } from "../sdk/hooks.js";
import { Message } from "../sdk/message.js";
import { UploadedFile } from "../sdk/uploaded-file.js";
import { askReply } from "./asks.js";
import { handleAudio } from "./audio.js";
import { checkComposer, rememberModes } from "./composer.js";
import { callResult, windowMessage } from "./copilot.js";
import { elementAction, elementProps } from "./custom-elements.js";
import { editMessage } from "./edit.js";
import { claimUploads, currentPolicy, dropPending, MESSAGE_SLOT, showUploads } from "./files.js";
import { greeted, hello } from "./hello.js";
import { tooLong, withinLimit } from "./limits.js";
import { mcpConnect, mcpDisconnect } from "./mcp.js";
import type { Session } from "./session.js";
import { applySettings } from "./settings.js";
import { reply, socketState } from "./sockets.js";

export async function handleFrame(
  session: Session,
  ws: WebSocket,
  frame: ClientFrame,
): Promise<void> {
  if (frame.type === "hello") return hello(session, ws, frame);
  if (frame.type === "ping") return void ws.send('{"type":"pong"}');
  if (!socketState(ws).ready) await greeted(session, ws);
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
    case "call_fn_result":
      return callResult(session, ws, frame);
    case "window_message":
      return windowMessage(session, ws, frame);
    case "mcp_connect":
      return mcpConnect(session, ws, frame);
    case "mcp_disconnect":
      return mcpDisconnect(session, ws, frame);
    case "audio_start":
    case "audio_chunk":
    case "audio_end":
      return handleAudio(session, ws, frame);
  }
}

async function userMessage(
  session: Session,
  ws: WebSocket,
  frame: Extract<ClientFrame, { type: "message" }>,
): Promise<void> {
  if (tooLong(ws, "message", frame.content)) return;
  const choice = checkComposer(session, ws, frame);
  if (!choice) return;
  if (!(await withinLimit(session, ws, "message"))) return;
  // A resend after a reconnect carries the same client id: run it once.
  if (!session.inFlight.markSeen(frame.id)) return;
  const uploads = frame.files?.length ? claimMessageFiles(session, ws, frame.files) : [];
  if (!uploads) return;
  await dropPending(session, MESSAGE_SLOT);
  rememberModes(session, choice.modes);
  const step = session.userStep(frame.content, frame.id, { ...choice });
  showUploads(session, step.id, uploads);
  const message = Message.fromStep(step);
  message.elements = uploads.map((u) => new UploadedFile({ ...u, forId: step.id }));
  const onMessage = hooks.message;
  if (onMessage) await session.runTask("onMessage", () => onMessage(message));
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
  const data = session.steps.actions().find((a) => a.id === id);
  if (!data) return reply(ws, "not_found", `no action with id "${id}"`);
  const callback = hooks.actions.get(data.name);
  if (!callback) return reply(ws, "not_found", `no callback for action "${data.name}"`);
  if (!(await withinLimit(session, ws, "action"))) return;
  const act = new Action(data);
  await session.runTask(`action ${data.name}`, () => callback(act));
}

/** The tail of each session's feedback queue (in memory: ordering matters only while live). */
const feedbackQueue = new WeakMap<Session, Promise<void>>();

/** Stores one feedback unless it is a repeat or over the limit; what was stored, or null. */
async function recordFeedback(
  session: Session,
  ws: WebSocket,
  frame: Extract<ClientFrame, { type: "feedback" }>,
): Promise<{ step: StepData; value: FeedbackData } | null> {
  const step = session.steps.get(frame.stepId);
  if (step?.type !== "assistant_message") {
    reply(ws, "not_found", "no answer with that id");
    return null;
  }
  const value = { value: frame.value, ...(frame.comment ? { comment: frame.comment } : {}) };
  // The same feedback again changes nothing: nothing is stored, sent or run.
  if (step.feedback?.value === value.value && step.feedback.comment === value.comment) return null;
  if (!(await withinLimit(session, ws, "feedback"))) return null;
  // A small event, written to D1 with the session's next batch (never one write per click).
  session.feedback(step.id, value);
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
