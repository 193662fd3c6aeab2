/**
 * A browser as the session sees it, for tests in the Workers Vitest pool: a visitor cookie, a
 * session made through the Worker's public routes, and its WebSocket with time-bounded waits.
 * Used by the kit's own runtime tests and by `edgelit/testing`.
 */
import { SELF } from "cloudflare:test";
import {
  type ClientFrame,
  isServerEvent,
  parseServerFrame,
  type ServerFrame,
} from "../protocol/frames.js";

export { type TranscriptStep, transcript } from "./transcript.js";

/** A browser's identity: its visitor cookie. */
export interface Visitor {
  cookie: string;
}

/** A new anonymous visitor (its own cookie). */
export async function newVisitor(): Promise<Visitor> {
  const res = await SELF.fetch("http://edgelit.test/api/config");
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error("no visitor cookie");
  await res.arrayBuffer();
  return { cookie };
}

/** Creates a chat session for `visitor` (`POST /api/sessions`); resolves to its id. */
export async function newSession(visitor: Visitor): Promise<string> {
  const res = await SELF.fetch("http://edgelit.test/api/sessions", {
    method: "POST",
    headers: { cookie: visitor.cookie },
  });
  const body = (await res.json()) as { sessionId: string };
  return body.sessionId;
}

type Pred = (frame: ServerFrame) => boolean;

/** One WebSocket to a session: every frame received, validated, in order. */
export class Client {
  readonly frames: ServerFrame[] = [];
  /** `Date.now()` when each frame of `frames` arrived. */
  readonly arrivals: number[] = [];
  lastSeq = 0;
  closed = false;
  #waiters: { pred: Pred; resolve: (f: ServerFrame) => void; from: number }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (event) => {
      const parsed = parseServerFrame(String(event.data));
      if (!parsed.ok) throw new Error(`server sent an invalid frame: ${parsed.error}`);
      const frame = parsed.value;
      if (isServerEvent(frame)) {
        this.lastSeq = Math.max(this.lastSeq, frame.seq);
      }
      if (frame.type === "snapshot") this.lastSeq = frame.seq;
      this.frames.push(frame);
      this.arrivals.push(Date.now());
      this.#waiters = this.#waiters.filter((w) => {
        if (!w.pred(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    ws.addEventListener("close", () => {
      this.closed = true;
    });
  }

  /** Upgrades `/ws/:id` and sends hello. */
  static async open(
    sessionId: string,
    visitor: Visitor,
    hello: Partial<Extract<ClientFrame, { type: "hello" }>> = {},
    headers: Record<string, string> = {},
    readyMs = 5000,
  ): Promise<Client> {
    const res = await SELF.fetch(`http://edgelit.test/ws/${sessionId}`, {
      headers: { Upgrade: "websocket", cookie: visitor.cookie, ...headers },
    });
    const ws = res.webSocket;
    if (!ws) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
    ws.accept();
    const client = new Client(ws);
    client.send({ type: "hello", lastSeq: 0, ...hello });
    await client.next((f) => f.type === "ready", readyMs);
    return client;
  }

  send(frame: ClientFrame | string): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** The next frame (seen from now on, or already seen if `past`) matching `pred`. */
  next(pred: Pred, ms = 5000, past = false): Promise<ServerFrame> {
    if (past) {
      const found = this.frames.find(pred);
      if (found) return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`timed out after ${ms} ms; frames: ${JSON.stringify(this.frames.slice(-5))}`),
          ),
        ms,
      );
      this.#waiters.push({
        pred,
        from: this.frames.length,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  /** Waits for the end of the running task (a `task` frame with running false). */
  idle(ms = 5000): Promise<ServerFrame> {
    return this.next((f) => f.type === "task" && !f.running, ms);
  }

  close(code = 1000): void {
    this.ws.close(code, "test");
  }
}
