/**
 * A shared thread's read-only page (`/share/:id`): the conversation as `GET /api/share/:id`
 * gives it, drawn by the chat's own message list, with no composer, actions, feedback, edits
 * or uploads, and no WebSocket. A thread that is not shared (or no longer) shows a notice.
 */
import { createSignal, Match, onMount, Switch } from "solid-js";
import type { ClientConfig } from "../../../protocol/api";
import type { StepData } from "../../../protocol/frames";
import { t } from "../i18n";
import { createSession, SessionContext } from "../state/session";
import { createTheme } from "../state/theme";
import { createUi, UiContext } from "../state/ui";
import { MessageList } from "./MessageList";
import { PageView } from "./PageView";
import { SideView } from "./SideView";
import "./share.css";

type Shared = { name: string; steps: StepData[]; elements: [] };

export default function SharedThread(props: { config: ClientConfig; id: string }) {
  const session = createSession(props.config, { readOnly: true });
  const ui = createUi(props.config);
  const theme = createTheme(props.config);
  const [state, setState] = createSignal<"loading" | "ok" | "forbidden" | "missing">("loading");
  const [name, setName] = createSignal("");

  onMount(async () => {
    const res = await fetch(`/api/share/${props.id}`).catch(() => null);
    if (!res?.ok) return setState(res?.status === 403 ? "forbidden" : "missing");
    const thread = (await res.json()) as Shared;
    setName(thread.name);
    document.title = `${thread.name} · ${props.config.ui.name}`;
    session.chat.apply({
      type: "snapshot",
      seq: 0,
      snapshot: {
        steps: thread.steps,
        elements: thread.elements,
        running: false,
        ask: null,
        settings: null,
        threadName: thread.name,
      },
    });
    setState("ok");
  });

  return (
    <SessionContext.Provider value={session}>
      <UiContext.Provider value={ui}>
        <div class="app shared-thread" classList={{ "side-open": ui.view.side !== null }}>
          <div class="main">
            <header id="header" class="header">
              <span class="app-name">{props.config.ui.name}</span>
              <span class="shared-badge">{t("Shared chat")}</span>
              <span class="shared-name muted">{name()}</span>
              <span class="spacer" />
              <button
                type="button"
                id="theme-toggle"
                class="icon-button"
                aria-label={
                  theme.theme() === "dark" ? t("Switch to light theme") : t("Switch to dark theme")
                }
                onClick={theme.toggle}
              >
                <svg viewBox="0 0 24 24" aria-hidden="true">
                  <path d="M12 3a9 9 0 1 0 9 9c0-.5 0-1-.1-1.4A5.4 5.4 0 0 1 12.5 4 5 5 0 0 1 12 3z" />
                </svg>
              </button>
              <a class="button" href="/">
                {t("New chat")}
              </a>
            </header>
            <Switch>
              <Match when={state() === "ok"}>
                <MessageList />
              </Match>
              <Match when={state() === "forbidden"}>
                <p id="share-unavailable" class="shared-notice">
                  {props.config.user
                    ? t("You may not view this shared chat.")
                    : t("You may not view this shared chat: try signing in.")}
                </p>
              </Match>
              <Match when={state() === "missing"}>
                <p id="share-unavailable" class="shared-notice">
                  {t("This chat does not exist or is no longer shared.")}
                </p>
              </Match>
            </Switch>
          </div>
          <SideView />
          <PageView />
        </div>
      </UiContext.Provider>
    </SessionContext.Provider>
  );
}
