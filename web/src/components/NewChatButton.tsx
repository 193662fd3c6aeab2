/** New chat, after a confirmation (`#new-chat-dialog`, `#confirm`): the current chat is left. */
import { createSignal, Show } from "solid-js";
import { t } from "../i18n";
import { useSession } from "../state/session";
import { Dialog } from "./Dialog";

export function NewChatButton() {
  const session = useSession();
  const [open, setOpen] = createSignal(false);
  return (
    <>
      <button
        type="button"
        id="new-chat-button"
        class="icon-button"
        aria-label={t("New chat")}
        title={t("New chat")}
        onClick={() => setOpen(true)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M19 13h-6v6h-2v-6H5v-2h6V5h2v6h6z" />
        </svg>
      </button>
      <Show when={open()}>
        <Dialog id="new-chat-dialog" title={t("Create a new chat?")} onClose={() => setOpen(false)}>
          <p>{t("This will clear the current messages and start a new chat.")}</p>
          <div class="dialog-buttons">
            <button type="button" class="secondary" onClick={() => setOpen(false)}>
              {t("Cancel")}
            </button>
            <button
              type="button"
              id="confirm"
              class="primary"
              onClick={() => {
                setOpen(false);
                session.newChat();
              }}
            >
              {t("Confirm")}
            </button>
          </div>
        </Dialog>
      </Show>
    </>
  );
}
