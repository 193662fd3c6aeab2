/**
 * A client's `hello`: the session answers `ready`, then exactly the events the client missed
 * (or a snapshot when it is new or too far behind), then live events; the first hello starts
 * the chat (onChatStart, once per session ever) and one to an ended session resumes it. Frames
 * a client sends right behind its hello wait here until the hello has made the socket ready.
 */
import { appConfig } from "../../protocol/app.js";
import { type ClientFrame, PROTOCOL_VERSION } from "../../protocol/frames.js";
import { hooks } from "../sdk/hooks.js";
import { rememberLanguage } from "./language.js";
import { withinLimit } from "./limits.js";
import type { Session } from "./session.js";
import { snapshot, thread } from "./snapshot.js";
import { reply, setSocketState, socketState } from "./sockets.js";

type HelloFrame = Extract<ClientFrame, { type: "hello" }>;

/** WebSocket close code for a refused hello (RFC 6455's "Try Again Later"). */
export const TRY_AGAIN_LATER = 1013;

/** Hellos in progress, by session and socket: frames sent right behind a hello wait for it. */
const greetings = new WeakMap<Session, Map<WebSocket, Promise<void>>>();

function greetingsOf(session: Session): Map<WebSocket, Promise<void>> {
  let map = greetings.get(session);
  if (!map) {
    map = new Map();
    greetings.set(session, map);
  }
  return map;
}

/**
 * Resolves once the socket's hello in progress, if any, has made it ready (or was refused)
 * and has started the chat's hook. A client may send frames right behind its hello; the
 * hello awaits the rate limiter, and those frames must neither be refused as "send hello
 * first" meanwhile nor run before onChatStart has begun.
 */
export async function greeted(session: Session, ws: WebSocket): Promise<void> {
  await greetings.get(session)?.get(ws);
}

/**
 * Answers a client's hello: `ready`, then exactly the missing events (or a snapshot), then
 * live events. Runs onChatStart once per session, ever, and onChatResume for an ended one.
 */
export async function hello(session: Session, ws: WebSocket, frame: HelloFrame): Promise<void> {
  const pending = greetingsOf(session);
  let open = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  pending.set(ws, gate);
  try {
    if (!(await greet(session, ws, frame))) return;
    if (frame.env) setEnv(session, frame.env);
    rememberLanguage(session, frame.language);
    const status = session.meta.get("status");
    let hook: Promise<void> | undefined;
    if (status === "new") {
      session.meta.set("status", "active");
      session.meta.delete("unopenedUntil");
      if (frame.chatProfile) await chooseProfile(session, ws, frame.chatProfile);
      if (hooks.chatStart) hook = session.runTask("onChatStart", hooks.chatStart);
    } else if (status === "ended") {
      session.meta.set("status", "active");
      const resume = hooks.chatResume;
      if (resume) hook = session.runTask("onChatResume", () => resume(thread(session)));
    }
    open();
    await hook;
  } finally {
    open();
    if (pending.get(ws) === gate) pending.delete(ws);
  }
}

/** `ready`, the missing events or a snapshot; false when the hello was refused. */
async function greet(session: Session, ws: WebSocket, frame: HelloFrame): Promise<boolean> {
  // A hello that starts or resumes the session runs app code: it counts against the limit.
  // Refused, the socket is closed as "try again later" and the session stays as it was.
  if (session.meta.get("status") !== "active" && !(await withinLimit(session, ws, "hello"))) {
    ws.close(TRY_AGAIN_LATER, "rate limited");
    return false;
  }
  const state = socketState(ws);
  const seq = session.seq;
  ws.send(
    JSON.stringify({ type: "ready", sessionId: session.id, seq, protocol: PROTOCOL_VERSION }),
  );
  const missing =
    frame.lastSeq === 0 || frame.lastSeq > seq ? null : session.eventsAfter(frame.lastSeq);
  if (missing) for (const event of missing) ws.send(event);
  else ws.send(JSON.stringify({ type: "snapshot", seq, snapshot: snapshot(session) }));
  setSocketState(ws, { ...state, ready: true });
  session.meta.delete("endAt");
  return true;
}

/**
 * Keeps the client's chat profile only when `cl.setChatProfiles` offers it to this user; a
 * made-up one is refused to the client and the app never sees it.
 */
async function chooseProfile(session: Session, ws: WebSocket, name: string): Promise<void> {
  let offered: string[] = [];
  try {
    offered = ((await hooks.chatProfiles?.(session.user())) ?? []).map((p) => p.name);
  } catch (err) {
    console.error("Edgelit: setChatProfiles failed:", err);
  }
  if (offered.includes(name)) return session.values.set("chatProfile", JSON.stringify(name));
  reply(ws, "not_found", `chat profile "${name.slice(0, 100)}" is not offered to you`, "hello");
}

function setEnv(session: Session, env: Record<string, string>): void {
  const allowed = new Set(appConfig.project.user_env);
  const kept = Object.fromEntries(Object.entries(env).filter(([k]) => allowed.has(k)));
  session.values.set("env", JSON.stringify(kept));
}
