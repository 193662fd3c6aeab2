/**
 * The signed-in user (a real one, not public mode's anonymous visitor) and, when the app has
 * a login of its own (password or OAuth), a logout button: `POST /auth/logout`, then reload.
 * A user signed in by proxy headers cannot log out here, so no button is shown for them.
 */
import { createSignal, Show } from "solid-js";
import { t } from "../i18n";
import { useSession } from "../state/session";
import { useUi } from "../state/ui";

export function UserMenu() {
  const session = useSession();
  const ui = useUi();
  const [busy, setBusy] = createSignal(false);
  const user = () => {
    const u = session.config.user;
    return u && !u.anonymous ? u : null;
  };
  const canLogout = () =>
    session.config.auth.password || session.config.auth.oauthProviders.length > 0;

  const logout = async () => {
    setBusy(true);
    try {
      const res = await fetch("/auth/logout", { method: "POST" });
      if (!res.ok) throw new Error(`${res.status}`);
      location.reload();
    } catch {
      setBusy(false);
      ui.notify(t("Could not log out; try again."));
    }
  };

  return (
    <Show when={user()}>
      {(u) => (
        <span class="user-menu">
          <span class="user-name" title={u().identifier}>
            {u().displayName || u().identifier}
          </span>
          <Show when={canLogout()}>
            <button
              type="button"
              id="logout-button"
              class="icon-button"
              aria-label={t("Log out")}
              title={t("Log out")}
              disabled={busy()}
              onClick={() => void logout()}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M10 17v-3H3v-4h7V7l5 5-5 5zm3-14h6a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-6v-2h6V5h-6V3z" />
              </svg>
            </button>
          </Show>
        </span>
      )}
    </Show>
  );
}
