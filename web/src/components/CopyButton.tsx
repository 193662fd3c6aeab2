/** Copies a text to the clipboard and says so for a moment. */
import { createSignal } from "solid-js";
import { t } from "../i18n";

export function CopyButton(props: { text: string; label: string }) {
  const [copied, setCopied] = createSignal(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard refused (insecure context, permissions): nothing sensible to do.
    }
  };
  return (
    <button
      type="button"
      class="icon-button copy-message"
      aria-label={copied() ? t("Copied") : props.label}
      title={copied() ? t("Copied") : props.label}
      onClick={() => void copy()}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true">
        {copied() ? (
          <path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z" />
        ) : (
          <path d="M16 1H4a2 2 0 0 0-2 2v14h2V3h12V1zm3 4H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2zm0 16H8V7h11v14z" />
        )}
      </svg>
    </button>
  );
}
