/**
 * The side panel (`#side-view-title`, `#side-view-content`) and the full-page view
 * (`#element-view`) that open when a `.element-link` is clicked.
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

export function PageView() {
  const session = useSession();
  const ui = useUi();
  const el = () => (ui.view.page ? session.chat.state.elements[ui.view.page] : undefined);
  return (
    <Show when={el()}>
      {(e) => (
        <section id="element-view" class="element-view" aria-label={e().name}>
          <header>
            <button type="button" class="secondary" onClick={ui.closePage}>
              ← Back to chat
            </button>
            <h2>{e().name}</h2>
          </header>
          <ElementBody el={e()} display="page" />
        </section>
      )}
    </Show>
  );
}
