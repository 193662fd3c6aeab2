/**
 * The copilot widget's handshake, shared by the Worker and the widget: a host page never has
 * the app's cookies (third-party cookies may be blocked), so the widget trades the host's
 * access token for a short-lived signed token and sends it as a header on HTTP and as a
 * WebSocket subprotocol on the upgrade. Limits on what crosses between app and host page, and
 * the frames that carry it (`call_fn`, `call_fn_result`, `window_message`), which
 * protocol/frames.ts places in its unions.
 */
import * as v from "valibot";
import { id, json } from "./fields.js";
import { utf8Bytes } from "./utf8.js";

/** `POST` here (from an allowed host origin) for a copilot token. */
export const COPILOT_TOKEN_PATH = "/copilot/token";

/** Request header carrying the copilot token on `/api/*` calls. */
export const COPILOT_TOKEN_HEADER = "edgelit-copilot-token";

/**
 * Subprotocol the widget offers on the WebSocket upgrade; the token follows it as a second
 * "protocol" (browsers cannot set headers on a WebSocket). The server answers with this one.
 */
export const COPILOT_SUBPROTOCOL = "edgelit-copilot";

/** Largest JSON of a window message or of a host function's args or result, in bytes. */
export const MAX_COPILOT_DATA_BYTES = 64 * 1024;

/** Body of `POST /copilot/token`. */
export interface CopilotTokenRequest {
  /**
   * Public apps only: the widget's own random secret, kept in the host page's localStorage; it
   * names the anonymous visitor (as the visitor cookie does in the web app).
   */
  visitor?: string;
}

/** Answer of `POST /copilot/token`. */
export interface CopilotTokenResponse {
  token: string;
  /** Epoch ms after which the token is refused (the widget fetches a new one first). */
  expiresAt: number;
  user: { identifier: string; displayName?: string };
}

/** A visitor secret as the widget makes it: 32 random bytes, base64url. */
export const VISITOR_SECRET = /^[\w-]{43}$/;

/**
 * Thrown by `cl.CopilotFunction(...).call()`: no widget, a refusal, a timeout, a bad result.
 * @example
 * try { await new cl.CopilotFunction({ name: "getSelection" }).call(); }
 * catch (err) { if (err instanceof cl.CopilotFunctionError) await new cl.Message(err.message).send(); }
 */
export class CopilotFunctionError extends Error {
  override name = "CopilotFunctionError";
}

/** JSON of `value`, or a message saying why it cannot cross to the page (or back). */
export function boundedJson(value: unknown, what: string): { json: string } | { error: string } {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (err) {
    return {
      error: `${what} is not JSON-serializable (${err instanceof Error ? err.message : err})`,
    };
  }
  if (json === undefined) return { error: `${what} is not JSON-serializable` };
  const bytes = utf8Bytes(json);
  if (bytes > MAX_COPILOT_DATA_BYTES) {
    return { error: `${what} is ${bytes} bytes of JSON; the limit is ${MAX_COPILOT_DATA_BYTES}` };
  }
  return { json };
}

/** Reply: `cl.CopilotFunction(...).call()`: the copilot widget runs the host page's function `name`. */
export const CallFnReplySchema = v.object({
  type: v.literal("call_fn"),
  id,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
  args: v.record(v.string(), json),
});

/** The host page's answer to `call_fn` `id`: its result, or why it failed. */
export const CallFnResultFrameSchema = v.object({
  type: v.literal("call_fn_result"),
  id,
  result: v.optional(json),
  error: v.optional(v.pipe(v.string(), v.maxLength(1000))),
});

/**
 * JSON data between the app and the host page, the same frame both ways: from the server it is
 * `cl.sendWindowMessage(data)` handed to the page (not logged, never replayed); from a client
 * it is the page's message for `cl.onWindowMessage`.
 */
export const WindowMessageSchema = v.object({ type: v.literal("window_message"), data: json });
