/**
 * The header: history toggle, app name, chat profile, the app's links, readme, theme, new chat
 * and user.
 */
import { createSignal, Show } from "solid-js";
import { t } from "../i18n";
import { useSession } from "../state/session";
import type { Theme } from "../state/theme";
import { useUi } from "../state/ui";
import { ChatProfiles } from "./ChatProfiles";
import { HeaderLinks } from "./HeaderLinks";
import { NewChatButton } from "./NewChatButton";
import { ReadmeDialog } from "./ReadmeDialog";
import { ShareButton } from "./ShareButton";
import { UserMenu } from "./UserMenu";

/** The logo for a theme: the app's `public/logo_<theme>.*` (see cli/brand.ts) or the kit's. */
function logo(theme: Theme): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="edgelit-logo-${theme}"]`);
  return meta?.content || undefined;
}

export function Header(props: { theme: Theme; onToggleTheme: () => void; history: boolean }) {
  const session = useSession();
  const ui = useUi();
  const [readme, setReadme] = createSignal(false);
  return (
    <header id="header" class="header">
      <Show when={props.history}>
        <button
          type="button"
          class="icon-button"
          aria-label={ui.view.sidebar ? t("Hide chat history") : t("Show chat history")}
          aria-expanded={ui.view.sidebar}
          onClick={ui.toggleSidebar}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
          </svg>
        </button>
      </Show>
      <Show when={logo(props.theme)}>
        {(src) => <img id="app-logo" class="app-logo" src={src()} alt="" />}
      </Show>
      <span class="app-name">{session.config.ui.name}</span>
      <ChatProfiles />
      <span class="spacer" />
      <HeaderLinks />
      <Show when={session.config.welcome}>
        {(text) => (
          <>
            <button
              type="button"
              id="readme-button"
              class="secondary"
              onClick={() => setReadme(true)}
            >
              {t("Readme")}
            </button>
            <Show when={readme()}>
              <ReadmeDialog text={text()} onClose={() => setReadme(false)} />
            </Show>
          </>
        )}
      </Show>
      <button
        type="button"
        id="theme-toggle"
        class="icon-button"
        aria-label={props.theme === "dark" ? t("Switch to light theme") : t("Switch to dark theme")}
        onClick={() => props.onToggleTheme()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          {props.theme === "dark" ? (
            <path d="M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM11 1h2v3h-2zm0 19h2v3h-2zM1 11h3v2H1zm19 0h3v2h-3zM4.2 5.6l1.4-1.4 2.1 2.1-1.4 1.4zm12.1 12.1 1.4-1.4 2.1 2.1-1.4 1.4zM4.2 18.4l2.1-2.1 1.4 1.4-2.1 2.1zM16.3 6.3l2.1-2.1 1.4 1.4-2.1 2.1z" />
          ) : (
            <path d="M12 3a9 9 0 1 0 9 9c0-.5 0-1-.1-1.4A5.4 5.4 0 0 1 12.5 4 5 5 0 0 1 12 3z" />
          )}
        </svg>
      </button>
      <ShareButton />
      <NewChatButton />
      <UserMenu />
    </header>
  );
}
