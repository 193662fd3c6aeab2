/** The empty-chat screen: the app's name and description, and starter buttons. */
import { For, Show } from "solid-js";
import type { StarterInfo } from "../../../protocol/api";
import { useSession } from "../state/session";
import { Markdown } from "./Markdown";

/** `#starter-LABEL`: the label lower-cased, spaces turned into dashes. */
export function starterId(label: string): string {
  return `starter-${label.trim().toLowerCase().replace(/\s+/g, "-")}`;
}

export function Welcome() {
  const session = useSession();
  const config = session.config;
  const starters = (): StarterInfo[] => {
    const profile = config.chatProfiles.find((p) => p.name === session.profile());
    return profile?.starters?.length ? profile.starters : config.starters;
  };
  return (
    <div class="welcome">
      <h1 class="welcome-title">{config.ui.name}</h1>
      <Show when={config.ui.description}>
        <p class="muted">{config.ui.description}</p>
      </Show>
      {/* welcome.md, as the README promises: the welcome screen and the readme dialog. */}
      <Show when={config.welcome}>
        {(text) => <Markdown class="welcome-readme" text={text()} />}
      </Show>
      <Show when={starters().length > 0}>
        <div id="starters" class="starters">
          <For each={starters()}>
            {(starter) => (
              <button
                type="button"
                id={starterId(starter.label)}
                class="starter"
                onClick={() => session.sendMessage(starter.message)}
              >
                <Show when={starter.icon}>
                  <img src={starter.icon} alt="" class="starter-icon" />
                </Show>
                <span>{starter.label}</span>
              </button>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
