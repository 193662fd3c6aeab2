/**
 * Per-socket state lives in the WebSocket attachment, so it survives hibernation; sockets are
 * found again with `ctx.getWebSockets()` after the object wakes up. A WeakMap caches the
 * decoded attachment so a broadcast does not deserialize it for every frame. A refusal goes to
 * one socket only (`reply`), never to the others.
 */
import type { ClientFrame, ErrorCode } from "../../protocol/frames.js";

export interface SocketState {
  /** Set once the client's `hello` was answered; only ready sockets get live events. */
  ready: boolean;
  /** Identifier of the user who opened the socket. */
  user: string;
  /** The client's IP as Cloudflare saw it, when known (for per-IP rate limits). */
  ip?: string;
}

const cache = new WeakMap<WebSocket, SocketState>();

export function socketState(ws: WebSocket): SocketState {
  let state = cache.get(ws);
  if (!state) {
    state = (ws.deserializeAttachment() as SocketState | null) ?? { ready: false, user: "" };
    cache.set(ws, state);
  }
  return state;
}

export function setSocketState(ws: WebSocket, state: SocketState): void {
  ws.serializeAttachment(state);
  cache.set(ws, state);
}

export function readySockets(ctx: DurableObjectState): WebSocket[] {
  return ctx.getWebSockets().filter((ws) => socketState(ws).ready);
}

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
