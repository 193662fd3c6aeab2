/**
 * Files picked for the next message: each uploads at once over HTTP with a progress bar, and
 * the message carries the ids of the finished uploads.
 */
import { createEffect, createSignal, For, Show } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { t } from "../i18n";
import { accepts, uploadFile } from "../net/upload";
import type { Session } from "../state/session";
import type { Ui } from "../state/ui";

interface Attachment {
  key: string;
  name: string;
  progress: number;
  fileId?: string;
  abort: () => void;
}

export function createAttachments(session: Session, ui: Ui) {
  const [items, setItems] = createStore<Attachment[]>([]);
  const policy = () => session.config.features.spontaneous_file_upload;

  /** Files picked before the session exists (a drop right after the page loads). */
  const [waiting, setWaiting] = createSignal<File[]>([]);

  const add = (files: File[]) => {
    const id = session.sessionId();
    if (!id) {
      setWaiting((w) => [...w, ...files]);
      return;
    }
    const room = policy().maxFiles - items.length;
    if (files.length > room)
      ui.notify(t("At most {count} files per message.", { count: policy().maxFiles }));
    for (const file of files.slice(0, Math.max(0, room))) {
      if (file.size > policy().maxSizeMb * 1024 * 1024 || !accepts(file, policy().accept)) {
        ui.notify(
          t("{name}: not accepted (type, or larger than {size} MB)", {
            name: file.name,
            size: policy().maxSizeMb,
          }),
        );
        continue;
      }
      const key = crypto.randomUUID();
      const set = (fn: (a: Attachment) => void) => setItems((a) => a.key === key, produce(fn));
      const handle = uploadFile(id, file, (p) => set((a) => (a.progress = p)));
      setItems(items.length, { key, name: file.name, progress: 0, abort: handle.abort });
      handle.promise.then(
        (up) => set((a) => (a.fileId = up.id)),
        (err: Error) => {
          setItems((list) => list.filter((a) => a.key !== key));
          if (err.message !== "upload cancelled") ui.notify(`${file.name}: ${err.message}`);
        },
      );
    }
  };

  createEffect(() => {
    const files = waiting();
    if (!session.sessionId() || files.length === 0) return;
    setWaiting([]);
    add(files);
  });

  const remove = (key: string) => {
    items.find((a) => a.key === key)?.abort();
    setItems((list) => list.filter((a) => a.key !== key));
  };

  return {
    items,
    add,
    remove,
    uploading: () => waiting().length > 0 || items.some((a) => !a.fileId),
    fileIds: () => items.flatMap((a) => (a.fileId ? [a.fileId] : [])),
    clear: () => setItems([]),
  };
}

export type AttachmentsState = ReturnType<typeof createAttachments>;

export function Attachments(props: { state: AttachmentsState }) {
  return (
    <Show when={props.state.items.length > 0}>
      <ul id="attachments" class="attachments" aria-label={t("Attachments")}>
        <For each={props.state.items}>
          {(a) => (
            <li class="attachment">
              <span class="attachment-name">{a.name}</span>
              <Show when={!a.fileId}>
                <progress
                  max="1"
                  value={a.progress}
                  aria-label={t("Uploading {name}", { name: a.name })}
                />
              </Show>
              <button
                type="button"
                class="icon-button"
                aria-label={t("Remove {name}", { name: a.name })}
                onClick={() => props.state.remove(a.key)}
              >
                ✕
              </button>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
