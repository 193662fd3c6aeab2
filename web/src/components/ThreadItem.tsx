/**
 * One thread of the history: a link `#thread-ID` to `/thread/ID`, opened without a page load,
 * with rename (in place) and delete (after a confirmation).
 */
import { createSignal, Show } from "solid-js";
import type { ThreadSummary } from "../../../protocol/api";
import { t } from "../i18n";
import { threadPath } from "../state/route";
import { Dialog } from "./Dialog";

interface ThreadItemProps {
  thread: ThreadSummary;
  current: boolean;
  onOpen: (id: string) => void;
  onRename: (id: string, name: string) => void;
  onDelete: (id: string) => void;
}

export function ThreadItem(props: ThreadItemProps) {
  const [editing, setEditing] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const name = () => props.thread.name || t("Untitled");

  const finishRename = (input: HTMLInputElement, save: boolean) => {
    if (!editing()) return;
    setEditing(false);
    const next = input.value.trim();
    if (save && next && next !== props.thread.name) props.onRename(props.thread.id, next);
  };

  return (
    <li class="thread-item" classList={{ current: props.current }}>
      <Show
        when={editing()}
        fallback={
          <a
            id={`thread-${props.thread.id}`}
            href={threadPath(props.thread.id)}
            aria-current={props.current ? "page" : undefined}
            title={name()}
            onClick={(e) => {
              // Let the browser handle new-tab and new-window clicks.
              if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
              e.preventDefault();
              props.onOpen(props.thread.id);
            }}
          >
            {name()}
          </a>
        }
      >
        <input
          class="thread-rename"
          aria-label={t("Chat name")}
          value={props.thread.name}
          maxLength={200}
          ref={(el) => queueMicrotask(() => el.select())}
          onKeyDown={(e) => {
            if (e.key === "Enter") finishRename(e.currentTarget, true);
            if (e.key === "Escape") finishRename(e.currentTarget, false);
          }}
          onBlur={(e) => finishRename(e.currentTarget, true)}
        />
      </Show>
      <span class="thread-tools">
        <button
          type="button"
          class="icon-button rename-thread"
          aria-label={t("Rename {name}", { name: name() })}
          title={t("Rename")}
          onClick={() => setEditing(true)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M3 17.2V21h3.8L17.8 10l-3.8-3.8L3 17.2zM20.7 7a1 1 0 0 0 0-1.4l-2.3-2.3a1 1 0 0 0-1.4 0l-1.8 1.8 3.8 3.8L20.7 7z" />
          </svg>
        </button>
        <button
          type="button"
          class="icon-button delete-thread"
          aria-label={t("Delete {name}", { name: name() })}
          title={t("Delete")}
          onClick={() => setConfirming(true)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 19a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2V7H6v12zM19 4h-3.5l-1-1h-5l-1 1H5v2h14V4z" />
          </svg>
        </button>
      </span>
      <Show when={confirming()}>
        <Dialog
          id="delete-thread-dialog"
          title={t("Delete this chat?")}
          onClose={() => setConfirming(false)}
        >
          <p>“{name()}” and all its messages will be deleted. This cannot be undone.</p>
          <div class="dialog-buttons">
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              {t("Cancel")}
            </button>
            <button
              type="button"
              id="confirm"
              class="primary danger"
              onClick={() => {
                setConfirming(false);
                props.onDelete(props.thread.id);
              }}
            >
              {t("Delete")}
            </button>
          </div>
        </Dialog>
      </Show>
    </li>
  );
}
