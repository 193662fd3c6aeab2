/**
 * The composer's commands (`cl.setCommands`): `#command-button` opens the `#commands` list, a
 * `/` typed first in the input opens it filtered, arrows move, Enter picks and Escape closes.
 * The picked command shows as a chip and rides on the next message; `button: true` commands
 * are also buttons in the composer bar. The state lives in `createCommands`, the Composer
 * draws the parts where they belong.
 */
import { type Accessor, createMemo, createSignal, For, Show } from "solid-js";
import type { CommandData } from "../../../protocol/composer";
import type { StepData } from "../../../protocol/frames";
import { t } from "../i18n";
import { afterSend, commandQuery, filterCommands } from "../state/composer";
import { Icon } from "./Icon";
import "./composer-extras.css";

/** The command picker's state, tied to the composer's text. */
export function createCommands(
  commands: Accessor<CommandData[]>,
  text: Accessor<string>,
  setText: (text: string) => void,
) {
  const [picked, setPicked] = createSignal<string | null>(null);
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(0);
  const query = () => commandQuery(text());
  const shown = createMemo(() => filterCommands(commands(), query() ?? ""));
  const visible = () => commands().length > 0 && (open() || query() !== null) && shown().length > 0;
  const current = () => commands().find((c) => c.id === picked()) ?? null;

  const pick = (id: string) => {
    setPicked(id);
    setOpen(false);
    setActive(0);
    if (query() !== null) setText("");
  };
  const close = () => {
    setOpen(false);
    if (query() !== null) setText(`${text()} `.trimStart());
  };

  return {
    picked: () => (current() ? picked() : null),
    current,
    shown,
    visible,
    active,
    setActive,
    pick,
    clear: () => setPicked(null),
    toggle: () => {
      setActive(0);
      setOpen(!open());
    },
    close,
    /** After a send: a persistent command stays picked, any other is cleared. */
    sent: () => setPicked(afterSend(commands(), picked())),
    /** Keys for the menu; true when the key was the menu's (the composer then ignores it). */
    onKey: (e: KeyboardEvent): boolean => {
      if (!visible()) {
        if (e.key === "Backspace" && text() === "" && picked()) {
          setPicked(null);
          return true;
        }
        return false;
      }
      const count = shown().length;
      if (e.key === "ArrowDown") setActive((active() + 1) % count);
      else if (e.key === "ArrowUp") setActive((active() - 1 + count) % count);
      else if (e.key === "Escape") close();
      else if ((e.key === "Enter" && !e.shiftKey) || e.key === "Tab") {
        const chosen = shown()[Math.min(active(), count - 1)];
        if (chosen) pick(chosen.id);
      } else return false;
      e.preventDefault();
      return true;
    },
  };
}

export type CommandsState = ReturnType<typeof createCommands>;

/** The `#commands` list, above the composer. */
export function CommandMenu(props: { state: CommandsState }) {
  return (
    <Show when={props.state.visible()}>
      <div id="commands" class="command-menu" role="listbox" aria-label={t("Commands")}>
        <For each={props.state.shown()}>
          {(command, i) => (
            <button
              type="button"
              id={`command-${command.id}`}
              class="command-item"
              role="option"
              aria-selected={i() === props.state.active()}
              classList={{ active: i() === props.state.active() }}
              // Picking must not take the focus from the text box.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => props.state.setActive(i())}
              onClick={() => props.state.pick(command.id)}
            >
              <Icon icon={command.icon} />
              <span class="command-id">{command.id}</span>
              <span class="command-description muted">{command.description}</span>
            </button>
          )}
        </For>
      </div>
    </Show>
  );
}

/** The picked command, as a chip in the composer; its ✕ clears it. */
export function CommandChip(props: { state: CommandsState }) {
  return (
    <Show when={props.state.current()}>
      {(command) => (
        <span class="command-chip" data-command={command().id}>
          <Icon icon={command().icon} />
          <span>{command().id}</span>
          <button
            type="button"
            class="command-chip-clear"
            aria-label={t("Remove command {id}", { id: command().id })}
            onClick={props.state.clear}
          >
            ✕
          </button>
        </span>
      )}
    </Show>
  );
}

/** `#command-button` and the `button: true` commands, for the composer bar. */
export function CommandButtons(props: { state: CommandsState; commands: CommandData[] }) {
  return (
    <Show when={props.commands.length > 0}>
      <button
        type="button"
        id="command-button"
        class="icon-button"
        aria-label={t("Commands")}
        aria-expanded={props.state.visible()}
        onMouseDown={(e) => e.preventDefault()}
        onClick={props.state.toggle}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M7 4h10a3 3 0 0 1 3 3v10a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V7a3 3 0 0 1 3-3zm0 2a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V7a1 1 0 0 0-1-1zm7.3 2.3 1.4 1.4-5.3 5.3-1.4-1.4z" />
        </svg>
      </button>
      <For each={props.commands.filter((c) => c.button)}>
        {(command) => (
          <button
            type="button"
            class="command-bar-button secondary"
            classList={{ selected: props.state.picked() === command.id }}
            aria-pressed={props.state.picked() === command.id}
            title={command.description}
            onClick={() =>
              props.state.picked() === command.id
                ? props.state.clear()
                : props.state.pick(command.id)
            }
          >
            <Icon icon={command.icon} />
            <span>{command.id}</span>
          </button>
        )}
      </For>
    </Show>
  );
}

/** The command a sent user message carried (`metadata.command`), shown above its text. */
export function MessageCommand(props: { step: StepData }) {
  const command = () => {
    const id = props.step.metadata?.command;
    return typeof id === "string" ? id : null;
  };
  return (
    <Show when={command()}>
      {(id) => (
        <span class="command-chip message-command" data-command={id()}>
          /{id()}
        </span>
      )}
    </Show>
  );
}
