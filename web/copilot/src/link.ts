/**
 * The widget's line to the app: a copilot token (never a cookie), the session of this host
 * page (remembered in the host's localStorage per app and page, so a reload resumes it), and
 * the session socket, which offers the token as a subprotocol and reconnects with backoff.
 */
import {
  COPILOT_SUBPROTOCOL,
  COPILOT_TOKEN_HEADER,
  COPILOT_TOKEN_PATH,
  type CopilotTokenResponse,
} from "../../../protocol/copilot";
import { type ClientFrame, parseServerFrame, type ServerFrame } from "../../../protocol/frames";
import { backoffMs } from "../../src/net/connection";

/** Where the host's access token comes from: a string, or a function asked at each handshake. */
export type AccessToken = string | (() => string | Promise<string>);

export interface LinkOptions {
  serverUrl: string;
  accessToken?: AccessToken;
  onFrame: (frame: ServerFrame) => void;
  onStatus: (status: "connecting" | "open" | "reconnecting" | "error", detail?: string) => void;
  lastSeq: () => number;
}

const PING_MS = 25_000;

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) =>
    c === "+" ? "-" : c === "/" ? "_" : "",
  );
}

function storageGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function storageSet(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage off: the thread lasts as long as the page.
  }
}

export function makeLink(options: LinkOptions) {
  const server = new URL(options.serverUrl).origin;
  const threadKey = `edgelit-copilot:${server}:${location.origin}${location.pathname}`;
  const visitorKey = `edgelit-copilot-visitor:${server}`;
  let token: Pick<CopilotTokenResponse, "token" | "expiresAt"> | null = null;
  let socket: WebSocket | null = null;
  let ready = false;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;

  const visitor = () => {
    const known = storageGet(visitorKey);
    if (known) return known;
    const secret = randomSecret();
    storageSet(visitorKey, secret);
    return secret;
  };

  /** A token good for at least another minute. */
  const freshToken = async (): Promise<string> => {
    if (token && token.expiresAt - Date.now() > 60_000) return token.token;
    const access =
      typeof options.accessToken === "function" ? await options.accessToken() : options.accessToken;
    const res = await fetch(`${server}${COPILOT_TOKEN_PATH}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(access ? { authorization: `Bearer ${access}` } : {}),
      },
      body: JSON.stringify(access ? {} : { visitor: visitor() }),
    });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const error = body && typeof body === "object" ? Reflect.get(body, "error") : undefined;
      throw new Error(typeof error === "string" ? error : `token refused (${res.status})`);
    }
    const value = body && typeof body === "object" ? Reflect.get(body, "token") : undefined;
    const expiresAt = body && typeof body === "object" ? Reflect.get(body, "expiresAt") : undefined;
    if (typeof value !== "string" || typeof expiresAt !== "number") throw new Error("bad token");
    token = { token: value, expiresAt };
    return value;
  };

  const api = async (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${server}${path}`, {
      ...init,
      headers: { ...init.headers, [COPILOT_TOKEN_HEADER]: await freshToken() },
    });

  /** This page's session: the remembered one if it is still ours, else a new one. */
  const sessionId = async (fresh: boolean): Promise<string> => {
    const known = fresh ? null : storageGet(threadKey);
    if (known && (await api(`/api/copilot/sessions/${encodeURIComponent(known)}`)).ok) return known;
    const res = await api("/api/sessions", { method: "POST" });
    if (!res.ok) throw new Error(`could not start a chat (${res.status})`);
    const { sessionId: id } = (await res.json()) as { sessionId: string };
    storageSet(threadKey, id);
    return id;
  };

  let current: Promise<string> | null = null;

  const open = async () => {
    if (stopped) return;
    options.onStatus(attempt === 0 ? "connecting" : "reconnecting");
    let ws: WebSocket;
    try {
      current ??= sessionId(false);
      const id = await current;
      const url = `${server.replace(/^http/, "ws")}/ws/${encodeURIComponent(id)}`;
      ws = new WebSocket(url, [COPILOT_SUBPROTOCOL, await freshToken()]);
    } catch (err) {
      current = null;
      options.onStatus("error", err instanceof Error ? err.message : String(err));
      return retry();
    }
    socket = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ type: "hello", lastSeq: options.lastSeq() }));
      clearInterval(ping);
      ping = setInterval(() => send({ type: "ping" }), PING_MS);
    };
    ws.onmessage = (event) => {
      if (typeof event.data !== "string") return;
      const parsed = parseServerFrame(event.data);
      if (!parsed.ok) return;
      if (parsed.value.type === "ready") {
        ready = true;
        attempt = 0;
        options.onStatus("open");
      }
      options.onFrame(parsed.value);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      ready = false;
      clearInterval(ping);
      // A session the server no longer has for us is checked again before the next try.
      current = null;
      retry();
    };
  };

  const retry = () => {
    if (stopped) return;
    attempt++;
    timer = setTimeout(open, backoffMs(attempt));
  };

  const send = (frame: ClientFrame): boolean => {
    if (!socket || !ready || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  };

  /** Closes the socket; a new chat forgets this page's session first. */
  const close = (code = 1000) => {
    stopped = true;
    clearTimeout(timer);
    clearInterval(ping);
    socket?.close(code);
    socket = null;
  };

  const restart = (fresh: boolean) => {
    close(fresh ? 4000 : 1000);
    stopped = false;
    attempt = 0;
    current = fresh ? sessionId(true) : null;
    void open();
  };

  return { start: () => void open(), send, close, restart };
}

export type Link = ReturnType<typeof makeLink>;
