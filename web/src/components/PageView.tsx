/**
 * The full-page view (`#element-view`) that replaces the chat when a `.element-link` to a
 * `display: "page"` element is clicked; "Back to chat" closes it.
 */
import { Show } from "solid-js";
import { useSession } from "../state/session";
import { useUi } from "../state/ui";
import { ElementBody } from "./ElementBody";

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
