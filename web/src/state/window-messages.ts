/**
 * Window messages when the web app is framed by another page (Chainlit's iframe embedding):
 * the parent's origin must be one `[project] allow_origins` lists (a listed "*" accepts the
 * actual parent, whose origin is still named, never "*"). Messages from that parent go to
 * `cl.onWindowMessage`; `cl.sendWindowMessage` posts to it with its origin as the target.
 */
import type { ClientFrame } from "../../../protocol/frames";

/** What `allowedParent` reads of a window. */
export interface FramedWindow {
  parent: unknown;
  location: { ancestorOrigins?: ArrayLike<string> };
  document: { referrer: string };
}

/** The framing page's origin when it is allowed; null when not framed or not allowed. */
export function allowedParent(
  allowed: readonly string[],
  win: FramedWindow = window,
): string | null {
  if (win.parent === win) return null;
  const ancestor = win.location.ancestorOrigins?.[0];
  let origin = ancestor ?? null;
  if (!origin && win.document.referrer) {
    try {
      origin = new URL(win.document.referrer).origin;
    } catch {
      origin = null;
    }
  }
  if (!origin || origin === "null") return null;
  return allowed.includes(origin) || allowed.includes("*") ? origin : null;
}

/** Wires the parent page, if allowed, to the session; returns how to post to it. */
export function makeWindowMessages(
  allowed: readonly string[],
  send: (frame: ClientFrame) => boolean,
) {
  const origin = allowedParent(allowed);
  if (origin) {
    window.addEventListener("message", (event) => {
      if (event.source !== window.parent || event.origin !== origin) return;
      send({ type: "window_message", data: event.data });
    });
  }
  return {
    /** Posts `data` to the allowed parent; nothing when there is none. */
    post(data: unknown): void {
      if (origin) window.parent.postMessage(data, origin);
    },
  };
}
