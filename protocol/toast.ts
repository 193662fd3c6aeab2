/**
 * `cl.sendToast`'s frame: a passing notice for the clients connected now. A toast is a reply,
 * not an event (no `seq`, not logged), so it never replays on a reconnect or a reload; its text
 * is capped so a toast stays a notice. protocol/frames.ts places it in the server reply union.
 */
import * as v from "valibot";

/** The kinds of `cl.sendToast`, each drawn as `.toast.toast-KIND`. */
export const TOAST_TYPES = ["info", "success", "warning", "error"] as const;
/**
 * How a toast is drawn: `"info" | "success" | "warning" | "error"`.
 * @example
 * const level: cl.ToastType = "success";
 * await cl.sendToast("Saved", level);
 */
export type ToastType = (typeof TOAST_TYPES)[number];
/** Longest toast text: a toast is a short notice, not a message. */
export const TOAST_MAX_CHARS = 1000;

/**
 * `cl.sendToast`: a passing notice for the clients connected now. Not an event (no `seq`, not
 * logged), so it never replays on a reconnect or a reload.
 */
export const ToastReplySchema = v.object({
  type: v.literal("toast"),
  message: v.pipe(v.string(), v.maxLength(TOAST_MAX_CHARS)),
  level: v.picklist(TOAST_TYPES),
});
