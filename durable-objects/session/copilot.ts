/**
 * The session's side of host-page calls and window messages. A pending host-function call is
 * a row (id, deadline) in the session's SQLite, so its timeout is part of the one alarm and
 * outlives hibernation; the promise awaiting it lives in memory only, like an ask's (an
 * instance that restarts finds stale rows and just drops them). Every frame here that runs app
 * code counts against the rate limit, and every payload is JSON of bounded size.
 */

import { boundedJson, CopilotFunctionError } from "../../protocol/copilot.js";
import type { ClientFrame } from "../../protocol/frames.js";
import { hooks } from "../sdk/hooks.js";
import { withinLimit } from "./limits.js";
import type { Session } from "./session.js";
import { readySockets, reply } from "./sockets.js";

interface Waiter {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  name: string;
  timeout: number;
}

const waiters = new WeakMap<Session, Map<string, Waiter>>();

function waitersOf(session: Session): Map<string, Waiter> {
  const map = waiters.get(session) ?? new Map<string, Waiter>();
  waiters.set(session, map);
  return map;
}

/** `copilot_calls` (store/schema.ts): null before the session or its first call exists. */
function table(session: Session, use: "read" | "write" = "read"): SqlStorage | null {
  return session.table("copilot_calls", use);
}

/** Sends an already-encoded frame to every client connected now (text streamed before goes first). */
export function broadcast(session: Session, frame: string): number {
  session.flush();
  let sent = 0;
  for (const ws of readySockets(session.ctx)) {
    try {
      ws.send(frame);
      sent++;
    } catch {
      // A socket closing now misses it.
    }
  }
  return sent;
}

/**
 * Sends a call (`frame`, already encoded) to the page and waits for its answer: resolves with
 * the page's result, rejects on its error, a timeout or a stop.
 */
export async function callPage(
  session: Session,
  call: { id: string; name: string; timeout: number; frame: string },
  signal: AbortSignal | undefined,
): Promise<unknown> {
  session.flush();
  if (readySockets(session.ctx).length === 0) {
    throw new CopilotFunctionError(
      `cl.CopilotFunction("${call.name}"): no copilot widget is connected to run it`,
    );
  }
  table(session, "write")?.exec(
    "INSERT INTO copilot_calls (id, deadline) VALUES (?, ?)",
    call.id,
    Date.now() + call.timeout * 1000,
  );
  await session.scheduleAlarm();
  const answer = new Promise((resolve, reject) => {
    waitersOf(session).set(call.id, { resolve, reject, name: call.name, timeout: call.timeout });
  });
  signal?.addEventListener(
    "abort",
    () => settle(session, call.id, new CopilotFunctionError("stopped")),
    { once: true },
  );
  broadcast(session, call.frame);
  return answer;
}

function settle(session: Session, id: string, outcome: { value: unknown } | Error): boolean {
  table(session)?.exec("DELETE FROM copilot_calls WHERE id = ?", id);
  const waiter = waitersOf(session).get(id);
  if (!waiter) return false;
  waitersOf(session).delete(id);
  if (outcome instanceof Error) waiter.reject(outcome);
  else waiter.resolve(outcome.value);
  return true;
}

/** Deadlines of pending calls, for the session's one alarm. */
export function callDeadlines(session: Session): number[] {
  return (
    table(session)
      ?.exec<{ deadline: number }>("SELECT deadline FROM copilot_calls")
      .toArray()
      .map((r) => r.deadline) ?? []
  );
}

/** Fails every call whose deadline passed (the alarm fired). */
export function expireCalls(session: Session, now: number): void {
  const due =
    table(session)
      ?.exec<{ id: string }>("SELECT id FROM copilot_calls WHERE deadline <= ?", now)
      .toArray() ?? [];
  for (const { id } of due) {
    const waiter = waitersOf(session).get(id);
    settle(
      session,
      id,
      new CopilotFunctionError(
        `the host page did not answer "${waiter?.name ?? "?"}" within ${waiter?.timeout ?? "?"} s`,
      ),
    );
  }
}

/** The page answered a call: its result (validated and size-capped) or its error. */
export async function callResult(
  session: Session,
  ws: WebSocket,
  frame: Extract<ClientFrame, { type: "call_fn_result" }>,
): Promise<void> {
  if (!waitersOf(session).has(frame.id)) {
    return reply(ws, "not_found", "no host function call with that id is waiting", frame.type);
  }
  if (!(await withinLimit(session, ws, frame.type))) return;
  const waiter = waitersOf(session).get(frame.id);
  if (frame.error !== undefined) {
    settle(
      session,
      frame.id,
      new CopilotFunctionError(`host function "${waiter?.name}" failed: ${frame.error}`),
    );
    return;
  }
  const checked = boundedJson(frame.result ?? null, `the result of "${waiter?.name}"`);
  if ("error" in checked) {
    settle(session, frame.id, new CopilotFunctionError(checked.error));
    return reply(ws, "too_large", checked.error, frame.type);
  }
  settle(session, frame.id, { value: JSON.parse(checked.json) });
}

/** A message from the host page: runs `cl.onWindowMessage`. */
export async function windowMessage(
  session: Session,
  ws: WebSocket,
  frame: Extract<ClientFrame, { type: "window_message" }>,
): Promise<void> {
  const hook = hooks.windowMessage;
  if (!hook) return reply(ws, "not_found", "this app has no cl.onWindowMessage", frame.type);
  const checked = boundedJson(frame.data, "a window message");
  if ("error" in checked) return reply(ws, "too_large", checked.error, frame.type);
  if (!(await withinLimit(session, ws, frame.type))) return;
  await session.runHook("onWindowMessage", () => hook(JSON.parse(checked.json)));
}
