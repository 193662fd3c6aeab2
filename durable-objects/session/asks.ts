/**
 * The whole life of an ask (AskUserMessage, AskActionMessage, AskFileMessage): opened by hook
 * code, stored (so a reload shows the prompt again) with a deadline the session's alarm keeps,
 * answered by one `ask_reply` frame, or ended unanswered (timeout, stop, a newer ask, the session
 * ending, a restart). The resolvers of the hook code awaiting an answer live here only, in
 * memory: they are gone after a restart, by design, and nothing else can reach them.
 */
import type { AskData, ClientFrame } from "../../protocol/frames.js";
import { TaskCancelledError } from "./context.js";
import { askPolicy, claimUploads, dropPending, dropStaleUploads } from "./files.js";
import type { HookRun } from "./hook-run.js";
import { tooLong, withinLimit } from "./limits.js";
import type { Session } from "./session.js";
import { reply } from "./sockets.js";

/** What an answered ask hands back to the waiting hook code. */
export type AskAnswer = Extract<ClientFrame, { type: "ask_reply" }>;

/** An ask as hook code opens it: the session gives it its id and deadline. */
export type AskRequest = Omit<AskData, "id" | "stepId" | "deadline">;

type Resolver = (answer: AskAnswer | undefined) => void;

/** Each session's waiting resolvers, by ask id. */
const waiting = new WeakMap<Session, Map<string, Resolver>>();

function waitersOf(session: Session): Map<string, Resolver> {
  let map = waiting.get(session);
  if (!map) {
    map = new Map();
    waiting.set(session, map);
  }
  return map;
}

/**
 * Opens an ask under the prompt step `stepId` (already sent) and waits for its answer:
 * `undefined` when it ends unanswered. Any ask still open is ended first (one at a time).
 * @throws TaskCancelledError when the task was stopped while waiting.
 */
export async function openAsk(
  session: Session,
  task: HookRun | null,
  stepId: string,
  request: AskRequest,
  timeoutSeconds: number,
): Promise<AskAnswer | undefined> {
  for (const open of session.inFlight.asks()) resolveAsk(session, open.id, undefined);
  const data: AskData = {
    ...request,
    id: crypto.randomUUID(),
    stepId,
    deadline: Date.now() + timeoutSeconds * 1000,
  };
  session.inFlight.putAsk(data);
  session.emit({ type: "ask", ask: data });
  await session.scheduleAlarm();
  const answer = await new Promise<AskAnswer | undefined>((resolve) => {
    waitersOf(session).set(data.id, resolve);
    task?.controller.signal.addEventListener(
      "abort",
      () => resolveAsk(session, data.id, undefined),
      { once: true },
    );
  });
  // Files uploaded for a question that ended unanswered can never be sent: delete them.
  await dropStaleUploads(session);
  if (task?.cancelled) throw new TaskCancelledError();
  return answer;
}

/** Ends an ask: its prompt goes away and its waiter (if any) gets `answer`. False if unknown. */
export function resolveAsk(session: Session, id: string, answer: AskAnswer | undefined): boolean {
  const waiters = waitersOf(session);
  const waiter = waiters.get(id);
  const known = session.inFlight.asks().some((a) => a.id === id);
  if (!known && !waiter) return false;
  waiters.delete(id);
  session.inFlight.deleteAsk(id);
  session.emit({ type: "ask", ask: null });
  waiter?.(answer);
  return true;
}

/** True while hook code awaits an answer. */
export function awaitingAnswer(session: Session): boolean {
  return waitersOf(session).size > 0;
}

/** Releases every waiting hook with `undefined` (the thread is being deleted). */
export function releaseWaiters(session: Session): void {
  const waiters = waitersOf(session);
  for (const resolve of waiters.values()) resolve(undefined);
  waiters.clear();
}

/** An `ask_reply` frame: checked against the open ask, then handed to the waiting hook. */
export async function askReply(
  session: Session,
  ws: WebSocket,
  frame: Extract<ClientFrame, { type: "ask_reply" }>,
): Promise<void> {
  const waiters = waitersOf(session);
  const ask = session.inFlight.asks().find((a) => a.id === frame.askId);
  if (!ask || !waiters.has(ask.id)) {
    if (ask) resolveAsk(session, ask.id, undefined);
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
  if (!waiters.has(ask.id)) return reply(ws, "ask_closed", "that question is no longer open");
  if (ask.kind === "file" && frame.files) {
    const claim = claimUploads(session, frame.files, askPolicy(ask));
    if (!claim.ok) return reply(ws, claim.code, claim.message);
    await dropPending(session, ask.id);
  }
  resolveAsk(session, ask.id, frame);
}
