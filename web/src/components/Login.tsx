/**
 * The login page when the app requires auth: a password form (`#email`, `#password`,
 * `button[type=submit]`, `.alert` on failure) and OAuth provider buttons. With header auth
 * only there is nothing to fill in, so it says plainly that the visitor is not signed in.
 */
import { createSignal, For, Show } from "solid-js";
import type { ClientConfig } from "../../../protocol/api";
import { t } from "../i18n";

export default function Login(props: { config: ClientConfig }) {
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: form.get("email"), password: form.get("password") }),
      });
      if (res.ok) {
        location.reload();
        return;
      }
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      setError(body.error ?? t("Invalid credentials."));
    } catch {
      setError(t("Could not reach the server."));
    } finally {
      setBusy(false);
    }
  };
  const headerOnly = () =>
    !props.config.auth.password && props.config.auth.oauthProviders.length === 0;
  return (
    <main class="centered-page">
      <Show when={!headerOnly()} fallback={<NotSignedIn name={props.config.ui.name} />}>
        <div class="card login">
          <h1>{t("Sign in to {name}", { name: props.config.ui.name })}</h1>
          <Show when={error()}>
            <div class="alert" role="alert">
              {error()}
            </div>
          </Show>
          <Show when={props.config.auth.password}>
            <form onSubmit={(e) => void submit(e)}>
              <label class="field">
                <span>{t("Email or username")}</span>
                <input id="email" name="email" type="text" autocomplete="username" required />
              </label>
              <label class="field">
                <span>{t("Password")}</span>
                <input
                  id="password"
                  name="password"
                  type="password"
                  autocomplete="current-password"
                  required
                />
              </label>
              <button type="submit" class="primary" disabled={busy()}>
                {t("Sign in")}
              </button>
            </form>
          </Show>
          <For each={props.config.auth.oauthProviders}>
            {(provider) => (
              <a
                class="button secondary oauth"
                href={`/auth/oauth/${encodeURIComponent(provider)}`}
              >
                {t("Continue with {name}", { name: provider })}
              </a>
            )}
          </For>
        </div>
      </Show>
    </main>
  );
}

/** Header auth only: there is no form to show, the request simply carried no valid identity. */
function NotSignedIn(props: { name: string }) {
  return (
    <div class="card login" id="not-signed-in">
      <h1>{t("Not signed in")}</h1>
      <p>
        {t(
          "{name} signs you in through your organisation's gateway, and this request arrived without a valid identity. Sign in through that gateway (or ask its administrator for access), then reload this page.",
          { name: props.name },
        )}
      </p>
      <button type="button" class="primary" onClick={() => location.reload()}>
        {t("Reload")}
      </button>
    </div>
  );
}
