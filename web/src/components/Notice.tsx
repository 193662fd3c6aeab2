/** A transient notice: server `error` replies and local problems (an upload refused). */
import { Show } from "solid-js";
import { t } from "../i18n";

export function Notice(props: { message: string | null; onDismiss: () => void }) {
  return (
    <Show when={props.message}>
      <div class="notice" role="status">
        <span>{props.message}</span>
        <button
          type="button"
          class="icon-button"
          aria-label={t("Dismiss")}
          onClick={() => props.onDismiss()}
        >
          ✕
        </button>
      </div>
    </Show>
  );
}
