/**
 * One chat session per Durable Object, addressed by the session id. The class owns only the
 * platform entry points; each wraps its body so that no client or hook error kills the object.
 * The session logic is in ./session/.
 */
import { DurableObject } from "cloudflare:workers";
import { CLIENT_TYPE_HEADER, parseClientType } from "../protocol/client-type.js";
import { MAX_CLIENT_FRAME_BYTES, parseClientFrame } from "../protocol/frames.js";
import type { PlatformAccepted, PlatformClick, PlatformTurn } from "../protocol/platforms.js";
import { utf8Bytes } from "../protocol/utf8.js";
import { User, type UserOptions } from "./sdk/user.js";
import { dropRecording } from "./session/audio.js";
import { setClientType } from "./session/client-type.js";
import {
  currentPolicy,
  dropUpload,
  pendingCount,
  recordUpload,
  type UploadMeta,
  type UploadPolicy,
  type UploadRefusal,
} from "./session/files.js";
import { handleFrame } from "./session/handlers.js";
import { eraseThread, renameThread } from "./session/persist.js";
import { platformClick, platformTurn } from "./session/platform-turn.js";
import { Session } from "./session/session.js";
import { stepText, thread } from "./session/snapshot.js";
import { reply, setSocketState, socketState } from "./session/sockets.js";

/** Header by which the Worker hands the verified caller to the object. */
export const USER_HEADER = "x-edgelit-user";
/** Header by which the Worker hands the caller's IP (CF-Connecting-IP) to the object. */
export const IP_HEADER = "x-edgelit-client-ip";
/** Header by which the Worker says the socket reached a local dev server (worker/origin.ts). */
export const DEV_HEADER = "x-edgelit-local-dev";

/** Close code a client uses when the user starts a new chat (the session ends now). */
export const NEW_CHAT_CLOSE_CODE = 4000;

export class ChatSession extends DurableObject<Env> {
  readonly session: Session;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.session = new Session(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      try {
        this.session.recover();
      } catch (err) {
        console.error("ChatSession:recover", err);
      }
    });
  }

  /** RPC for tests and the benchmark (no route reaches it): what this session's writes cost. */
  async meter() {
    return this.session.meterReading();
  }

  /** RPC from the Worker: claims a fresh session for `owner`. */
  async create(sessionId: string, owner: string): Promise<boolean> {
    return this.session.create(sessionId, owner);
  }

  /** RPC from the Worker: who owns this session (undefined: no such session). */
  async owner(): Promise<string | undefined> {
    return this.session.owner();
  }

  /** RPC: the whole text of one step, for the Worker's owner-checked route. */
  async stepText(stepId: string) {
    return stepText(this.session, stepId);
  }

  /** RPC: the thread as stored (for REST reads and D1 repair). */
  async thread() {
    return this.session.owner() === undefined ? null : thread(this.session);
  }

  /** RPC from the Worker (ownership checked there): renames the thread in the session. */
  async renameThread(name: string): Promise<void> {
    renameThread(this.session, name);
  }

  /**
   * RPC from the Worker (ownership checked there): deletes the thread, its D1 rows and files.
   * `threadId` is this object's own name (session id = thread id): a Durable Object is not told
   * the name it was addressed by, and one whose storage is already gone no longer knows it.
   */
  async deleteThread(threadId: string): Promise<void> {
    await eraseThread(this.session, threadId);
  }

  /** RPC from the Worker: the limits for an upload by `user` now, or why it is refused. */
  async uploadPolicy(user: string): Promise<UploadPolicy | UploadRefusal> {
    if (this.session.owner() !== user) return { status: 404, error: "no such session" };
    const policy = currentPolicy(this.session);
    if ("status" in policy) return policy;
    if (pendingCount(this.session, policy.slot) >= policy.maxFiles) {
      return { status: 400, error: `too many files: at most ${policy.maxFiles} at a time` };
    }
    return policy;
  }

  /** RPC from the Worker: records an upload stored in R2; a refusal means delete it. */
  async addUpload(
    user: string,
    meta: UploadMeta & { slot: string },
  ): Promise<UploadRefusal | null> {
    if (this.session.owner() !== user) return { status: 404, error: "no such session" };
    return recordUpload(this.session, meta);
  }

  /** RPC from the Worker: forgets an upload not yet sent (an attachment removed). */
  async removeUpload(user: string, id: string): Promise<boolean> {
    if (this.session.owner() !== user) return false;
    return dropUpload(this.session, id);
  }

  /** RPC from the Worker (the platform's signature verified there): a user's message. */
  async platformTurn(sessionId: string, turn: PlatformTurn): Promise<PlatformAccepted> {
    return platformTurn(this.session, sessionId, turn, (work) => this.ctx.waitUntil(work));
  }

  /** RPC from the Worker (the platform's signature verified there): a button click. */
  async platformClick(sessionId: string, click: PlatformClick): Promise<PlatformAccepted> {
    return platformClick(this.session, sessionId, click, (work) => this.ctx.waitUntil(work));
  }

  override async fetch(request: Request): Promise<Response> {
    try {
      if (request.headers.get("Upgrade") !== "websocket") {
        return new Response("expected a WebSocket upgrade", { status: 426 });
      }
      const user = new User(JSON.parse(request.headers.get(USER_HEADER) ?? "null") as UserOptions);
      const owner = this.session.owner();
      if (owner === undefined || owner !== user.identifier) {
        return new Response("no such session", { status: 404 });
      }
      this.session.setUser(user);
      setClientType(this.session, parseClientType(request.headers.get(CLIENT_TYPE_HEADER)));
      const { 0: client, 1: server } = new WebSocketPair();
      this.ctx.acceptWebSocket(server);
      const ip = request.headers.get(IP_HEADER) ?? undefined;
      setSocketState(server, {
        ready: false,
        user: user.identifier,
        ...(ip ? { ip } : {}),
        ...(request.headers.get(DEV_HEADER) === "1" ? { dev: true } : {}),
      });
      return new Response(null, { status: 101, webSocket: client });
    } catch (err) {
      console.error("ChatSession:fetch", err);
      return new Response("session error", { status: 500 });
    }
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    try {
      if (typeof message !== "string") {
        return reply(
          ws,
          "bad_frame",
          "binary frames are not accepted; send JSON text (files go over HTTP)",
        );
      }
      // A UTF-16 unit is at least one UTF-8 byte: only a frame short enough is worth counting.
      if (message.length > MAX_CLIENT_FRAME_BYTES || utf8Bytes(message) > MAX_CLIENT_FRAME_BYTES) {
        return reply(ws, "too_large", `frame exceeds ${MAX_CLIENT_FRAME_BYTES} bytes of UTF-8`);
      }
      const frame = parseClientFrame(message);
      if (!frame.ok) {
        console.warn(`ChatSession: refused frame: ${frame.error}`);
        return reply(ws, "bad_frame", frame.error);
      }
      await handleFrame(this.session, ws, frame.value);
    } catch (err) {
      console.error("ChatSession:webSocketMessage", err);
      reply(ws, "hook_failed", "the session could not handle that frame");
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      const wasReady = socketState(ws).ready;
      setSocketState(ws, { ...socketState(ws), ready: false });
      dropRecording(this.session, ws);

      try {
        ws.close(code === 1005 ? 1000 : code, reason);
      } catch {
        // Already closed.
      }
      if (wasReady) await this.session.socketClosed(code === NEW_CHAT_CLOSE_CODE);
    } catch (err) {
      console.error("ChatSession:webSocketClose", err);
    }
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    console.warn("ChatSession:webSocketError", error);
    await this.webSocketClose(ws, 1011, "error");
  }

  override async alarm(): Promise<void> {
    try {
      await this.session.alarm();
    } catch (err) {
      console.error("ChatSession:alarm", err);
    }
  }
}
