/**
 * The session socket: opens `/ws/<sessionId>`, says `hello` with the last applied `seq`, hands
 * every validated frame to `onFrame`, and reconnects with capped exponential backoff whenever
 * the socket drops (unless we closed it on purpose).
 */
import { type ClientFrame, parseServerFrame, type ServerFrame } from "../../../protocol/frames";

/** Close code meaning "the user started a new chat": the server may end the session now. */
export const CLOSE_NEW_CHAT = 4000;

export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "closed";

export interface ConnectionOptions {
  sessionId: string;
  /** Built at each (re)connect so it carries the current `lastSeq`. */
  hello: () => Extract<ClientFrame, { type: "hello" }>;
  onFrame: (frame: ServerFrame) => void;
  onStatus: (status: ConnectionStatus) => void;
  /** Called after `ready`, when frames may be sent again (resend unacknowledged messages). */
  onReady: () => void;
}

const PING_MS = 25_000;
/**
 * The longest wait between two reconnect attempts. A deploy drops every socket at once and the
 * server is back within seconds: a client must not sleep long past that (the deploy drill saw
 * 16 s more with a 10 s cap). Jitter, not a long cap, spreads the herd.
 */
export const MAX_BACKOFF_MS = 4_000;

export function socketUrl(sessionId: string, loc: Location = location): string {
  const scheme = loc.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${loc.host}/ws/${encodeURIComponent(sessionId)}`;
}

export function backoffMs(attempt: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt);
  // Jitter spreads reconnects of many tabs after a deploy.
  return base / 2 + Math.random() * (base / 2);
}

export function makeConnection(options: ConnectionOptions) {
  let socket: WebSocket | null = null;
  let ready = false;
  let stopped = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;

  const open = () => {
    if (stopped) return;
    options.onStatus(attempt === 0 ? "connecting" : "reconnecting");
    const ws = new WebSocket(socketUrl(options.sessionId));
    socket = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify(options.hello()));
      clearInterval(pingTimer);
      // A ping keeps proxies from dropping an idle socket and reveals a dead one.
      pingTimer = setInterval(() => send({ type: "ping" }), PING_MS);
    };
    ws.onmessage = (event) => {
      if (typeof event.data !== "string") return;
      const parsed = parseServerFrame(event.data);
      if (!parsed.ok) {
        console.warn("edgelit: bad frame from server:", parsed.error);
        return;
      }
      if (parsed.value.type === "ready") {
        ready = true;
        attempt = 0;
        options.onStatus("open");
      }
      options.onFrame(parsed.value);
      if (parsed.value.type === "ready") options.onReady();
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      ready = false;
      clearInterval(pingTimer);
      if (stopped) return;
      options.onStatus("reconnecting");
      attempt++;
      retryTimer = setTimeout(open, backoffMs(attempt));
    };
  };

  /** Sends when connected; returns false when the frame could not go out now. */
  const send = (frame: ClientFrame): boolean => {
    if (!socket || !ready || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  };

  const close = (code = 1000, reason = "") => {
    stopped = true;
    clearTimeout(retryTimer);
    clearInterval(pingTimer);
    const ws = socket;
    socket = null;
    ws?.close(code, reason);
    options.onStatus("closed");
  };

  /** Skips the backoff wait (the tab came back online or into view). */
  const retryNow = () => {
    if (stopped || socket) return;
    clearTimeout(retryTimer);
    open();
  };

  open();
  return { send, close, retryNow };
}

export type Connection = ReturnType<typeof makeConnection>;
