/**
 * Loads `GET /api/config`, then shows the login page, the user_env form, or the chat. Retries
 * the config while the server is unreachable, showing `#session-error`. The app's custom
 * stylesheet and script are added as soon as the config is known.
 */
import { createResource, createSignal, lazy, Match, Switch } from "solid-js";
import type { ClientConfig } from "../../../protocol/api";
import { loadLanguage } from "../i18n";
import { backoffMs } from "../net/connection";
import { applyCustomAssets } from "../state/custom-assets";
import { missingEnvKeys } from "../state/env";
import { sharedIdFromPath } from "../state/route";
import { ChatApp } from "./ChatApp";
import { SessionError } from "./SessionError";

const Login = lazy(() => import("./Login"));
const EnvForm = lazy(() => import("./EnvForm"));
const SharedThread = lazy(() => import("./SharedThread"));

async function loadConfig(onFail: () => void): Promise<ClientConfig> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch("/api/config");
      if (res.ok) return (await res.json()) as ClientConfig;
    } catch {
      // Unreachable: fall through to the wait and try again.
    }
    onFail();
    await new Promise((r) => setTimeout(r, backoffMs(Math.min(attempt + 1, 6))));
  }
}

export function App() {
  const [unreachable, setUnreachable] = createSignal(false);
  // The dictionary loads beside the config, so the first paint is already in the user's language.
  const [config] = createResource(async () => {
    const [loaded] = await Promise.all([loadConfig(() => setUnreachable(true)), loadLanguage()]);
    return loaded;
  });

  const [envDone, setEnvDone] = createSignal(false);
  const needsLogin = (c: ClientConfig) => c.auth.required && !c.user;
  const needsEnv = (c: ClientConfig) => !envDone() && missingEnvKeys(c.project.userEnv).length > 0;

  return (
    <Switch fallback={<SessionError status={unreachable() ? "reconnecting" : "connecting"} />}>
      <Match when={config()}>
        {(c) => {
          document.title = c().ui.name;
          applyCustomAssets(c().ui);
          return (
            <Switch fallback={<ChatApp config={c()} />}>
              {/* A shared thread needs no login: the app's onSharedThreadView decides. */}
              <Match when={sharedIdFromPath(location.pathname)}>
                {(id) => <SharedThread config={c()} id={id()} />}
              </Match>
              <Match when={needsLogin(c())}>
                <Login config={c()} />
              </Match>
              <Match when={needsEnv(c())}>
                <EnvForm keys={c().project.userEnv} onDone={() => setEnvDone(true)} />
              </Match>
            </Switch>
          );
        }}
      </Match>
    </Switch>
  );
}
