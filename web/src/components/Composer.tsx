/**
 * The composer: a textarea that grows with its text (Enter sends, Shift+Enter is a new line),
 * attachments, chat settings, and send/stop. While a text ask is open, what is typed answers it.
 */
import { createSignal, lazy, onMount, Show } from "solid-js";
import { Portal } from "solid-js/web";
import { t } from "../i18n";
import { initialPrompt } from "../state/route";
import { useSession } from "../state/session";
import { useUi } from "../state/ui";
import { Attachments, createAttachments } from "./Attachments";
import { CommandButtons, CommandChip, CommandMenu, createCommands } from "./Commands";
import { McpButton } from "./McpDialog";
import { MicButton } from "./MicButton";
import { createModes, Modes } from "./Modes";
import { TokenUsage } from "./TokenUsage";

const ChatSettings = lazy(() => import("./ChatSettings"));

const MAX_HEIGHT_PX = 240;

export function Composer() {
  const session = useSession();
  const ui = useUi();
  const chat = session.chat;
  const attachments = createAttachments(session, ui);
  const [text, setText] = createSignal(initialPrompt(location.search));
  const [settingsOpen, setSettingsOpen] = createSignal(false);
  const commands = createCommands(
    () => chat.state.commands,
    text,
    (t) => {
      setText(t);
      input.value = t;
    },
  );
  const modes = createModes(() => chat.state.modes);
  let input!: HTMLTextAreaElement;
  let fileInput!: HTMLInputElement;

  const textAsk = () => (chat.state.ask?.kind === "text" ? chat.state.ask : null);
  const canSend = () => !chat.state.running || textAsk() !== null;
  const hasContent = () => text().trim() !== "" || attachments.fileIds().length > 0;
  const uploadEnabled = () => session.config.features.spontaneous_file_upload.enabled;

  const grow = () => {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight, MAX_HEIGHT_PX)}px`;
  };

  const submit = () => {
    if (!hasContent() || attachments.uploading() || !canSend()) return;
    const ask = textAsk();
    ui.showAlert(null);
    if (ask) session.replyText(ask.id, text());
    else {
      const command = commands.picked();
      session.sendMessage(text(), attachments.fileIds(), {
        ...(command ? { command } : {}),
        modes: modes.values(),
      });
      commands.sent();
    }
    attachments.clear();
    setText("");
    input.value = "";
    grow();
  };

  onMount(() => {
    grow();
    if (text() || matchMedia("(pointer: fine)").matches) {
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    }
  });

  return (
    <form
      id="message-composer"
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onDragOver={(e) => {
        if (uploadEnabled() && e.dataTransfer?.types.includes("Files")) e.preventDefault();
      }}
      onDrop={(e) => {
        const files = [...(e.dataTransfer?.files ?? [])];
        if (!uploadEnabled() || files.length === 0) return;
        e.preventDefault();
        attachments.add(files);
      }}
    >
      <CommandMenu state={commands} />
      <Attachments state={attachments} />
      <CommandChip state={commands} />
      <textarea
        ref={input}
        id="chat-input"
        rows="1"
        placeholder={t("Type your message here...")}
        aria-label={t("Message")}
        value={text()}
        onInput={(e) => {
          setText(e.currentTarget.value);
          grow();
        }}
        onPaste={(e) => {
          // Pasted files (a screenshot, files copied in a file manager) become attachments.
          const files = [...(e.clipboardData?.files ?? [])];
          if (!uploadEnabled() || files.length === 0) return;
          e.preventDefault();
          attachments.add(files);
        }}
        onKeyDown={(e) => {
          if (!e.isComposing && commands.onKey(e)) return;
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <div class="composer-bar">
        <Show when={uploadEnabled()}>
          <button
            type="button"
            id="upload-button"
            class="icon-button"
            aria-label={t("Attach files")}
            onClick={() => fileInput.click()}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z" />
            </svg>
          </button>
          <input
            ref={fileInput}
            id="upload-button-input"
            type="file"
            multiple
            hidden
            onChange={(e) => {
              attachments.add([...(e.currentTarget.files ?? [])]);
              e.currentTarget.value = "";
            }}
          />
        </Show>
        <Show when={chat.state.settings}>
          <button
            type="button"
            id="chat-settings-open-modal"
            class="icon-button"
            aria-label={t("Chat settings")}
            onClick={() => setSettingsOpen(true)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M3 17v2h6v-2H3zM3 5v2h10V5H3zm10 16v-2h8v-2h-8v-2h-2v6h2zM7 9v2H3v2h4v2h2V9H7zm14 4v-2H11v2h10zm-6-4h2V7h4V5h-4V3h-2v6z" />
            </svg>
          </button>
        </Show>
        <CommandButtons state={commands} commands={chat.state.commands} />
        <Modes state={chat.state.modes} picked={modes} />
        <McpButton />
        <span class="spacer" />
        <TokenUsage />
        <MicButton />
        {/* While an ask waits, the answer is the way on: no stop button. */}
        <Show when={chat.state.running && !chat.state.ask}>
          <button
            type="button"
            id="stop-button"
            class="icon-button stop"
            aria-label={t("Stop")}
            onClick={session.stop}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <rect x="6" y="6" width="12" height="12" rx="2" />
            </svg>
          </button>
        </Show>
        <Show when={canSend()}>
          <button
            type="submit"
            id="chat-submit"
            class="icon-button send"
            aria-label={t("Send message")}
            disabled={!hasContent() || attachments.uploading()}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M3.4 20.4 20.9 12 3.4 3.6 3.4 10l12.5 2-12.5 2z" />
            </svg>
          </button>
        </Show>
      </div>
      <Show when={settingsOpen() && chat.state.settings}>
        {(settings) => (
          <Portal>
            <ChatSettings settings={settings()} onClose={() => setSettingsOpen(false)} />
          </Portal>
        )}
      </Show>
    </form>
  );
}
