/**
 * Toasts from `cl.sendToast`: a short list of passing notices, each removed after a few seconds
 * (errors stay a little longer) or when dismissed. They live only in the page: the server never
 * logs them, so a reload shows none again.
 */
import { createSignal } from "solid-js";
import type { ToastType } from "../../../protocol/toast";

export interface Toast {
  id: number;
  message: string;
  type: ToastType;
}

/** How long a toast stays, in ms. */
export const TOAST_MS: Record<ToastType, number> = {
  info: 5000,
  success: 5000,
  warning: 7000,
  error: 9000,
};

/** At most this many toasts are shown; a new one pushes the oldest out. */
const MAX_TOASTS = 4;

export function createToasts() {
  const [toasts, setToasts] = createSignal<Toast[]>([]);
  let next = 1;
  const dismiss = (id: number) => setToasts((list) => list.filter((t) => t.id !== id));
  return {
    toasts,
    dismiss,
    show(message: string, type: ToastType) {
      const toast = { id: next++, message, type };
      setToasts((list) => [...list, toast].slice(-MAX_TOASTS));
      setTimeout(() => dismiss(toast.id), TOAST_MS[type]);
    },
  };
}
