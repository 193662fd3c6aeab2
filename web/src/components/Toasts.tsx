/**
 * The toasts of `cl.sendToast` (`.toast.toast-TYPE`), stacked in a corner; each fades by itself
 * (state/toasts.ts) or is dismissed. Errors and warnings are announced as alerts.
 */
import { For } from "solid-js";
import { t } from "../i18n";
import { useSession } from "../state/session";

export function Toasts() {
  const session = useSession();
  return (
    <div class="toasts" aria-live="polite">
      <For each={session.toasts.toasts()}>
        {(toast) => (
          <div
            class={`toast toast-${toast.type}`}
            role={toast.type === "error" || toast.type === "warning" ? "alert" : "status"}
          >
            <span class="toast-message">{toast.message}</span>
            <button
              type="button"
              class="icon-button"
              aria-label={t("Dismiss")}
              onClick={() => session.toasts.dismiss(toast.id)}
            >
              ✕
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
