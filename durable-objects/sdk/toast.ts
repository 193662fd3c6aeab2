/**
 * `cl.sendToast`: a short notice that pops up for whoever has the chat open now and fades away.
 * It is a reply frame, not a logged event: nothing is stored, so a toast never replays on a
 * reconnect or a reload (and is not part of the chat history or `cl.chatContext`).
 */
import { TOAST_MAX_CHARS, TOAST_TYPES, type ToastType } from "../../protocol/toast.js";
import { currentScope } from "../session/context.js";

export type { ToastType };

/**
 * Shows a toast to the users connected to the current chat.
 * @example
 * await cl.sendToast("Saved!", "success");
 * await cl.sendToast("The model is slow today", "warning");
 */
export async function sendToast(message: string, type: ToastType = "info"): Promise<void> {
  if (typeof message !== "string") throw new TypeError("cl.sendToast: message must be a string");
  if (!TOAST_TYPES.includes(type)) {
    throw new TypeError(
      `cl.sendToast: type must be one of ${TOAST_TYPES.join(", ")}, not ${JSON.stringify(type)}`,
    );
  }
  currentScope().session.toast(message.slice(0, TOAST_MAX_CHARS), type);
}
