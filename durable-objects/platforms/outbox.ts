/**
 * How a session's answers leave for a chat platform: post a message, then update it in place.
 * One small adapter per platform (./slack.ts, ./discord.ts, ./teams.ts) speaks its HTTP API;
 * base URLs and secrets come from the Worker's env only, never from a request.
 */
import type { ActionData } from "../../protocol/frames.js";
import type { PlatformTarget } from "../../protocol/platforms.js";

/** A message as a platform shows it: text and buttons. */
export interface OutMessage {
  text: string;
  actions: ActionData[];
}

/** Where a posted message is, to update it later (stored as JSON in the session). */
export type MessageRef = Record<string, string>;

/** A file to share in the conversation (an element's bytes). */
export interface OutFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

/** One platform's API. */
export interface Outbox<T extends PlatformTarget = PlatformTarget> {
  /**
   * Posts a message to `target` and returns where it is. May change `target` (Discord's
   * placeholder response is used once); the caller stores it after.
   */
  post(target: T, message: OutMessage): Promise<MessageRef>;
  /** Replaces a posted message's text and buttons. */
  update(ref: MessageRef, message: OutMessage): Promise<void>;
  /** Shares a file in the conversation; absent where the platform takes no bot uploads. */
  upload?(target: T, file: OutFile): Promise<void>;
}

/** A platform API call that failed; the answer stays in the session, visible on the web. */
export class PlatformApiError extends Error {
  override name = "PlatformApiError";
  /** The HTTP status the platform answered, when it answered. */
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Longest wait a platform's 429 may ask for before the call is retried once. */
const MAX_RETRY_AFTER_MS = 5000;

/**
 * fetch with one retry after a 429 that asks for a short wait (`Retry-After`, seconds).
 * @throws PlatformApiError for any other non-2xx answer.
 */
export async function callApi(what: string, url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, init);
    if (res.ok) return res;
    const wait = Number(res.headers.get("retry-after")) * 1000;
    if (res.status === 429 && attempt === 0 && wait >= 0 && wait <= MAX_RETRY_AFTER_MS) {
      await res.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, wait));
      continue;
    }
    const body = (await res.text()).slice(0, 300);
    throw new PlatformApiError(`${what} failed: HTTP ${res.status} ${body}`, res.status);
  }
}

/** The label a button shows: like the web UI, `label || name`. */
export function buttonLabel(action: ActionData): string {
  return action.label || action.name;
}

/** `text` cut to `max` characters (platforms refuse longer messages), marked when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
