/**
 * View state that is not the conversation: which element is open in the side or page view,
 * whether the history sidebar is shown, transient notices and alerts, and the markdown renderer built
 * once from `[features]`.
 */
import { createContext, useContext } from "solid-js";
import { createStore } from "solid-js/store";
import type { ClientConfig } from "../../../protocol/api";
import { makeMarkdown, type RenderMarkdown } from "../markdown/render";

/** Markdown with the constructs answers use most, rendered once to warm the renderer up. */
const WARM_UP = [
  "# Title\n\nSome *emphasis*, **strong**, `code`, ~~gone~~ and [a link](https://example.com).",
  "- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |",
  "```js\nconst x = 1;\n```",
].join("\n\n");

interface ViewState {
  side: string | null;
  page: string | null;
  sidebar: boolean;
  notice: string | null;
  /** A refused message's reason, shown in the composer area until dismissed or the next send. */
  alert: string | null;
}

export function createUi(config: ClientConfig) {
  const [view, setView] = createStore<ViewState>({
    side: null,
    page: null,
    sidebar: typeof matchMedia === "function" && matchMedia("(min-width: 960px)").matches,
    notice: null,
    alert: null,
  });
  const render: RenderMarkdown = makeMarkdown({
    allowHtml: config.features.unsafe_allow_html,
    latex: config.features.latex,
  });
  // The first renders run marked's lexer and DOMPurify cold (regexes compiled on first use); do
  // that once while the page is idle rather than in the first frames of the first answer.
  const warm = () => void render(WARM_UP);
  if (typeof requestIdleCallback === "function") requestIdleCallback(warm, { timeout: 2000 });
  else setTimeout(warm, 500);
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  return {
    view,
    render,
    latex: config.features.latex,
    openElement: (id: string, display: "side" | "page") =>
      setView(display === "page" ? { page: id } : { side: id }),
    closeSide: () => setView("side", null),
    closePage: () => setView("page", null),
    toggleSidebar: () => setView("sidebar", (open) => !open),
    notify: (message: string) => {
      clearTimeout(noticeTimer);
      setView("notice", message);
      noticeTimer = setTimeout(() => setView("notice", null), 6000);
    },
    dismissNotice: () => setView("notice", null),
    showAlert: (message: string | null) => setView("alert", message),
  };
}

export type Ui = ReturnType<typeof createUi>;

export const UiContext = createContext<Ui>();

export function useUi(): Ui {
  const ui = useContext(UiContext);
  if (!ui) throw new Error("useUi outside <UiContext.Provider>");
  return ui;
}
