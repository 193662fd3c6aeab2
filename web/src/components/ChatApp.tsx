/** The chat screen: wires the session, view state and theme, and lays out the parts. */
import { createEffect, on, onCleanup, onMount, Show } from "solid-js";
import type { ClientConfig } from "../../../protocol/api";
import { t } from "../i18n";
import { REFUSED_MESSAGE_CODES } from "../state/chat";
import { createSession, SessionContext } from "../state/session";
import { createTheme } from "../state/theme";
import { createUi, UiContext } from "../state/ui";
import { AskPrompt } from "./AskPrompt";
import { Composer } from "./Composer";
import { Header } from "./Header";
import { MessageList } from "./MessageList";
import { Notice } from "./Notice";
import { PageView } from "./PageView";
import { SessionError } from "./SessionError";
import { SideView } from "./SideView";
import { TaskList } from "./TaskList";
import { ThreadHistory } from "./ThreadHistory";
import { Toasts } from "./Toasts";

export function ChatApp(props: { config: ClientConfig }) {
  const session = createSession(props.config);
  const ui = createUi(props.config);
  const theme = createTheme(props.config);
  const chat = session.chat;
  // Public mode lists the anonymous visitor's own threads too.
  const history = Boolean(props.config.user);

  onMount(() => void session.start());
  // Back/forward between `/` and `/thread/:id` means another session.
  const onPopState = () => session.followLocation();
  window.addEventListener("popstate", onPopState);
  onCleanup(() => window.removeEventListener("popstate", onPopState));

  createEffect(
    on(
      () => chat.state.error,
      (error) => {
        if (!error) return;
        if (REFUSED_MESSAGE_CODES.has(error.code)) ui.showAlert(error.message);
        else ui.notify(error.message);
        chat.clearError();
      },
    ),
  );
  // An ask whose message is not drawn (hidden by `cot`, removed) is answered above the composer.
  const orphanAsk = () => {
    const ask = chat.state.ask;
    return ask && ask.kind !== "text" && !chat.state.steps[ask.stepId] ? ask : null;
  };

  return (
    <SessionContext.Provider value={session}>
      <UiContext.Provider value={ui}>
        <div
          class="app"
          classList={{
            "sidebar-open": history && ui.view.sidebar,
            "side-open": ui.view.side !== null,
            wide: props.config.ui.layout === "wide",
          }}
        >
          <Show when={history && ui.view.sidebar}>
            <ThreadHistory />
          </Show>
          <div class="main">
            <Header theme={theme.theme()} onToggleTheme={theme.toggle} history={history} />
            <SessionError status={session.status()} />
            <Toasts />
            <Show when={chat.taskList()}>{(el) => <TaskList element={el()} />}</Show>
            <MessageList />
            <div class="composer-wrap">
              <Show when={orphanAsk()}>{(ask) => <AskPrompt ask={ask()} />}</Show>
              <Show when={ui.view.alert}>
                {(text) => (
                  <div class="composer-alert" role="alert">
                    <span>Not sent: {text()}</span>
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={t("Dismiss")}
                      onClick={() => ui.showAlert(null)}
                    >
                      ✕
                    </button>
                  </div>
                )}
              </Show>
              <Composer />
            </div>
            <Notice message={ui.view.notice} onDismiss={ui.dismissNotice} />
          </div>
          <SideView />
          <PageView />
        </div>
      </UiContext.Provider>
    </SessionContext.Provider>
  );
}
