/**
 * The side panel (`#side-view-title`, `#side-view-content`) that opens when a `.element-link` to
 * a `display: "side"` element is clicked; it shows the element the UI state names, or nothing.
 */
import { Show } from "solid-js";
import { t } from "../i18n";
import { useSession } from "../state/session";
import { useUi } from "../state/ui";
import { ElementBody } from "./ElementBody";

export function SideView() {
  const session = useSession();
  const ui = useUi();
  const el = () => (ui.view.side ? session.chat.state.elements[ui.view.side] : undefined);
  return (
    <Show when={el()}>
      {(e) => (
        <aside id="side-view" class="side-view" aria-labelledby="side-view-title">
          <header>
            <h2 id="side-view-title">{e().name}</h2>
            <button
              type="button"
              class="icon-button"
              aria-label={t("Close")}
              onClick={ui.closeSide}
            >
              ✕
            </button>
          </header>
          <div id="side-view-content">
            <ElementBody el={e()} display="side" />
          </div>
        </aside>
      )}
    </Show>
  );
}
