/** `#session-error`: shown while the server cannot be reached; reconnection is automatic. */
import { Show } from "solid-js";
import { t } from "../i18n";
import type { ConnectionStatus } from "../net/connection";

export function SessionError(props: { status: ConnectionStatus }) {
  return (
    <Show when={props.status === "reconnecting"}>
      <div id="session-error" class="session-error" role="alert">
        {t("Could not reach the server. Reconnecting…")}
      </div>
    </Show>
  );
}
