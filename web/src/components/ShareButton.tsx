/**
 * `#share-button` (`features.allow_thread_sharing`): on a thread of one's own, opens a dialog
 * that makes a read-only link (`/share/:id`), copies it, or stops sharing (the link then 404s).
 */
import { createSignal, Show } from "solid-js";
import { t } from "../i18n";
import { useSession } from "../state/session";
import { Dialog } from "./Dialog";
import "./share.css";

type Status = { shared: boolean; url?: string };

export function ShareButton() {
  const session = useSession();
  const [open, setOpen] = createSignal(false);
  const [status, setStatus] = createSignal<Status | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [copied, setCopied] = createSignal(false);
  const available = () =>
    session.config.features.allow_thread_sharing &&
    !session.readOnly &&
    session.chat.state.threadName !== null &&
    session.sessionId() !== null;
  const endpoint = () => `/api/threads/${session.sessionId()}/share`;
  const link = () => {
    const url = status()?.url;
    return url ? new URL(url, location.origin).href : "";
  };

  const call = async (method: "GET" | "POST" | "DELETE") => {
    setProblem(null);
    const res = await fetch(endpoint(), { method }).catch(() => null);
    if (res?.status === 204) return setStatus({ shared: false });
    if (!res?.ok) {
      // The thread reaches the history a moment after its first answer.
      return setProblem(t("This chat is not saved yet; try again in a moment."));
    }
    setStatus((await res.json()) as Status);
  };

  return (
    <Show when={available()}>
      <button
        type="button"
        id="share-button"
        class="icon-button"
        aria-label={t("Share this chat")}
        onClick={() => {
          setCopied(false);
          setOpen(true);
          void call("GET");
        }}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M18 16a3 3 0 0 0-2.4 1.2l-6.7-3.4a3 3 0 0 0 0-1.6l6.7-3.4A3 3 0 1 0 15 7l-6.7 3.4a3 3 0 1 0 0 3.2L15 17a3 3 0 1 0 3-1z" />
        </svg>
      </button>
      <Show when={open()}>
        <Dialog id="share-dialog" title={t("Share this chat")} onClose={() => setOpen(false)}>
          <p class="muted">
            {t("Anyone with the link can read this chat as it is saved; they cannot write in it.")}
          </p>
          <Show when={problem()}>{(text) => <p class="alert">{text()}</p>}</Show>
          <Show when={status()?.shared}>
            <input
              id="share-link"
              class="share-link"
              readonly
              value={link()}
              aria-label={t("Link")}
            />
          </Show>
          <div class="dialog-buttons">
            <Show
              when={status()?.shared}
              fallback={
                <button
                  type="button"
                  id="share-create"
                  class="primary"
                  onClick={() => call("POST")}
                >
                  {t("Create link")}
                </button>
              }
            >
              <button
                type="button"
                id="share-revoke"
                class="secondary"
                onClick={() => call("DELETE")}
              >
                {t("Stop sharing")}
              </button>
              <button
                type="button"
                id="share-copy"
                class="primary"
                onClick={async () => {
                  await navigator.clipboard?.writeText(link()).catch(() => undefined);
                  setCopied(true);
                }}
              >
                {copied() ? t("Copied") : t("Copy link")}
              </button>
            </Show>
          </div>
        </Dialog>
      </Show>
    </Show>
  );
}
