/**
 * `features.edit_message`: the user replaces the text of one of their sent messages. Every
 * later step of the thread is removed (through the emitter, so the UI, the DO's SQLite and D1
 * all follow), then `onMessage` runs again with the new text, so `cl.chatContext` is the
 * rewritten conversation. Refused while a task runs, for any id that is not a user message of
 * this session, and when the feature is off.
 */

import { appConfig } from "../../protocol/app.js";
import type { ClientFrame } from "../../protocol/frames.js";
import { hooks } from "../sdk/hooks.js";
import { Message } from "../sdk/message.js";
import { UploadedFile } from "../sdk/uploaded-file.js";
import { awaitingAnswer } from "./asks.js";
import { tooLong, withinLimit } from "./limits.js";
import type { Session } from "./session.js";
import { reply } from "./sockets.js";

export async function editMessage(
  session: Session,
  ws: WebSocket,
  frame: Extract<ClientFrame, { type: "edit_message" }>,
): Promise<void> {
  if (!appConfig.features.edit_message) {
    return reply(ws, "bad_frame", "editing messages is turned off", frame.type);
  }
  if (tooLong(ws, frame.type, frame.content)) return;
  const step = session.steps.get(frame.id);
  // Only the user's own typed messages: never an answer, a step or another session's id.
  if (step?.type !== "user_message") {
    return reply(ws, "not_found", "no message of yours with that id", frame.type);
  }
  if (session.running || awaitingAnswer(session)) {
    return reply(ws, "busy", "wait for the answer to finish (or stop it) first", frame.type);
  }
  if (!(await withinLimit(session, ws, frame.type))) return;
  // The state may have moved while the limit was checked (another tab sent or edited).
  if (session.running || !session.steps.get(step.id)) {
    return reply(ws, "busy", "the chat changed; try again", frame.type);
  }
  removeAfter(session, step.order);
  const edited = { ...step, output: frame.content };
  session.putStep(edited);
  const message = Message.fromStep(edited);
  message.elements = session.elements
    .all()
    .filter((e) => e.forId === step.id && e.mime !== undefined && e.bytes !== undefined)
    .map(
      (e) =>
        new UploadedFile({
          id: e.id,
          name: e.name,
          mime: e.mime ?? "",
          size: e.bytes ?? 0,
          forId: step.id,
        }),
    );
  const onMessage = hooks.message;
  if (onMessage) await session.runTask("onMessage", () => onMessage(message));
}

/** Removes every step created after `order`, newest first, and the elements attached to them. */
function removeAfter(session: Session, order: number): void {
  const later = session.steps.all().filter((s) => s.order > order);
  const gone = new Set(later.map((s) => s.id));
  for (const element of session.elements.all()) {
    if (element.forId && gone.has(element.forId)) {
      session.removeElement(element.id);
    }
  }
  for (const step of later.reverse()) session.removeStep(step.id);
}
