/**
 * The chat profile selector (`#chat-profiles`, drawn as ProfilePicker with icons and
 * descriptions). Switching profile starts a new chat with it,
 * as a session's profile is fixed when it starts; a chat with messages asks first
 * (`#new-chat-dialog`, `#confirm`).
 */
import { createSignal, For, Show } from "solid-js";
import { t } from "../i18n";
import { PROFILE_KEY, useSession } from "../state/session";
import { writeStored } from "../state/storage";
import { ROOT } from "../state/tree";
import { Dialog } from "./Dialog";
import { ProfilePicker } from "./ProfilePicker";

export function ChatProfiles() {
  const session = useSession();
  const profiles = () => session.config.chatProfiles;
  const [asking, setAsking] = createSignal<string | null>(null);
  let select!: HTMLSelectElement;
  const hasMessages = () =>
    (session.chat.tree().get(ROOT)?.length ?? 0) > 0 || session.chat.state.pending.length > 0;

  const switchTo = (name: string) => {
    writeStored(PROFILE_KEY, name);
    session.newChat(name);
  };
  const choose = (name: string) => {
    select.value = name;
    if (hasMessages()) setAsking(name);
    else switchTo(name);
  };
  const cancel = () => {
    setAsking(null);
    select.value = session.profile() ?? "";
  };

  return (
    <Show when={profiles().length > 0}>
      <select
        ref={select}
        id="chat-profiles"
        class="chat-profiles visually-hidden"
        aria-label={t("Chat profile")}
        value={session.profile() ?? ""}
        onChange={(e) => choose(e.currentTarget.value)}
      >
        <For each={profiles()}>
          {(p) => (
            <option value={p.name} selected={p.name === session.profile()}>
              {p.name}
            </option>
          )}
        </For>
      </select>
      <ProfilePicker profiles={profiles()} current={session.profile()} choose={choose} />
      <Show when={asking()}>
        {(name) => (
          <Dialog
            id="new-chat-dialog"
            title={t("Start a new chat with {name}?", { name: name() })}
            onClose={cancel}
          >
            <p>{t("Changing the profile starts a new chat; this one stays in your history.")}</p>
            <div class="dialog-buttons">
              <button type="button" class="secondary" onClick={cancel}>
                {t("Cancel")}
              </button>
              <button
                type="button"
                id="confirm"
                class="primary"
                onClick={() => {
                  const next = name();
                  setAsking(null);
                  switchTo(next);
                }}
              >
                {t("Confirm")}
              </button>
            </div>
          </Dialog>
        )}
      </Show>
    </Show>
  );
}
