/**
 * The chat profile selector (`#chat-profiles`). Switching profile starts a new chat with it,
 * as a session's profile is fixed when it starts.
 */
import { For, Show } from "solid-js";
import { PROFILE_KEY, useSession } from "../state/session";
import { writeStored } from "../state/storage";

export function ChatProfiles() {
  const session = useSession();
  const profiles = () => session.config.chatProfiles;
  return (
    <Show when={profiles().length > 0}>
      <select
        id="chat-profiles"
        class="chat-profiles"
        aria-label="Chat profile"
        value={session.profile() ?? ""}
        onChange={(e) => {
          const name = e.currentTarget.value;
          writeStored(PROFILE_KEY, name);
          session.newChat(name);
        }}
      >
        <For each={profiles()}>
          {(p) => (
            <option value={p.name} selected={p.name === session.profile()}>
              {p.name}
            </option>
          )}
        </For>
      </select>
    </Show>
  );
}
