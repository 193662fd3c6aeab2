/**
 * Chat profiles as in Chainlit: a picker with each profile's icon, and its markdown description
 * in a card while the pointer (or the keyboard) is on it. The native `<select id="chat-profiles">`
 * stays as the control for keyboards, screen readers and tests, visually hidden behind the
 * picker; both change the profile through the same `choose`.
 */
import { createSignal, For, Show } from "solid-js";
import type { ChatProfileInfo } from "../../../protocol/api";
import { t } from "../i18n";
import { Icon } from "./Icon";
import { Markdown } from "./Markdown";
import "./profiles.css";

export function ProfilePicker(props: {
  profiles: ChatProfileInfo[];
  current: string | undefined;
  choose: (name: string) => void;
}) {
  const [open, setOpen] = createSignal(false);
  const [hovered, setHovered] = createSignal<string | null>(null);
  const current = () => props.profiles.find((p) => p.name === props.current);
  const described = () =>
    props.profiles.find((p) => p.name === (hovered() ?? props.current))?.markdownDescription;
  const pick = (name: string) => {
    setOpen(false);
    if (name !== props.current) props.choose(name);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a pointer menu closes when the pointer leaves; keyboards use the native select.
    <div
      class="profile-picker"
      onMouseLeave={() => {
        setOpen(false);
        setHovered(null);
      }}
    >
      <button
        type="button"
        class="profile-trigger"
        tabindex="-1"
        aria-label={t("Choose a chat profile")}
        onClick={() => setOpen(!open())}
      >
        <Icon icon={current()?.icon} />
        <span class="profile-name">{props.current ?? ""}</span>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="m7 10 5 5 5-5z" />
        </svg>
      </button>
      <Show when={open()}>
        <div class="profile-menu" id="chat-profiles-menu">
          <ul role="presentation">
            <For each={props.profiles}>
              {(p) => (
                <li>
                  <button
                    type="button"
                    class="profile-item"
                    data-profile={p.name}
                    classList={{ selected: p.name === props.current }}
                    tabindex="-1"
                    onMouseEnter={() => setHovered(p.name)}
                    onClick={() => pick(p.name)}
                  >
                    <Icon icon={p.icon} />
                    <span>{p.name}</span>
                  </button>
                </li>
              )}
            </For>
          </ul>
          <Show when={described()}>
            {(text) => <Markdown class="profile-card" text={text()} />}
          </Show>
        </div>
      </Show>
    </div>
  );
}
