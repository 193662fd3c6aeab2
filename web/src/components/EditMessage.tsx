/**
 * `features.edit_message`: the pencil on a sent user message (`.edit-icon`) and the form that
 * replaces its text (`#edit-chat-input`, `#edit-submit`). The server removes every later
 * message and answers again; the UI only sends the new text and follows the server's events.
 */
import { createSignal, onMount } from "solid-js";
import { t } from "../i18n";
import { useSession } from "../state/session";

export function EditButton(props: { onClick: () => void }) {
  const session = useSession();
  return (
    <button
      type="button"
      class="icon-button edit-icon"
      aria-label={t("Edit message")}
      title={t("Edit message")}
      disabled={session.chat.state.running}
      onClick={() => props.onClick()}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M3 17.2V21h3.8L17.8 9.9l-3.7-3.7zM20.7 7a1 1 0 0 0 0-1.4l-2.3-2.3a1 1 0 0 0-1.4 0l-1.8 1.8 3.7 3.7z" />
      </svg>
    </button>
  );
}

export function EditForm(props: { id: string; text: string; onDone: () => void }) {
  const session = useSession();
  const [text, setText] = createSignal(props.text);
  let input: HTMLTextAreaElement | undefined;
  onMount(() => input?.focus());
  const changed = () => text().trim() !== "" && text() !== props.text;
  const submit = () => {
    if (!changed() || session.chat.state.running) return;
    session.editMessage(props.id, text());
    props.onDone();
  };
  return (
    <form
      class="edit-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={input}
        id="edit-chat-input"
        aria-label={t("Edit your message")}
        rows={3}
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") props.onDone();
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <div class="edit-buttons">
        <button type="button" class="secondary" onClick={() => props.onDone()}>
          {t("Cancel")}
        </button>
        <button
          type="submit"
          id="edit-submit"
          class="primary"
          disabled={!changed() || session.chat.state.running}
        >
          {t("Send")}
        </button>
      </div>
    </form>
  );
}
