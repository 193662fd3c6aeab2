/**
 * Thumbs up/down on an assistant message. A thumb opens a dialog for an optional comment; the
 * choice shows at once (`-on`) until the server's update of the step (`step.feedback`)
 * confirms it; that stored value is what shows after a reload.
 */
import { createEffect, createSignal, Show } from "solid-js";
import type { StepData } from "../../../protocol/frames";
import { t } from "../i18n";
import { useSession } from "../state/session";
import { Dialog } from "./Dialog";

export function Feedback(props: { step: StepData }) {
  const session = useSession();
  const [local, setLocal] = createSignal<0 | 1 | undefined>();
  const [asking, setAsking] = createSignal<0 | 1 | null>(null);
  let comment!: HTMLTextAreaElement;
  const value = () => local() ?? props.step.feedback?.value;
  // The server echoes the step with its feedback once stored: from then on, show its word.
  createEffect(() => {
    if (local() !== undefined && props.step.feedback?.value === local()) setLocal(undefined);
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const v = asking();
    if (v === null) return;
    session.giveFeedback(props.step.id, v, comment.value.trim() || undefined);
    setLocal(v);
    setAsking(null);
  };

  return (
    <>
      <button
        type="button"
        class={value() === 1 ? "positive-feedback-on" : "positive-feedback-off"}
        classList={{ "icon-button": true }}
        aria-label={t("Helpful")}
        aria-pressed={value() === 1}
        onClick={() => setAsking(1)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M7 10v11H3V10h4zm2 11h8.3a2 2 0 0 0 2-1.6l1.4-7A2 2 0 0 0 18.7 10H14l.9-4.4A1.6 1.6 0 0 0 13.3 4L9 10v11z" />
        </svg>
      </button>
      <button
        type="button"
        class={value() === 0 ? "negative-feedback-on" : "negative-feedback-off"}
        classList={{ "icon-button": true }}
        aria-label={t("Not helpful")}
        aria-pressed={value() === 0}
        onClick={() => setAsking(0)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M17 14V3h4v11h-4zm-2-11H6.7a2 2 0 0 0-2 1.6l-1.4 7A2 2 0 0 0 5.3 14H10l-.9 4.4A1.6 1.6 0 0 0 10.7 20L15 14V3z" />
        </svg>
      </button>
      <Show when={asking() !== null}>
        <Dialog title={t("Add a comment (optional)")} onClose={() => setAsking(null)}>
          <form method="dialog" onSubmit={submit}>
            <textarea
              ref={comment}
              id="feedbackDescription"
              aria-label={t("Comment")}
              rows="4"
              value={props.step.feedback?.comment ?? ""}
            />
            <div class="dialog-buttons">
              <button type="button" class="secondary" onClick={() => setAsking(null)}>
                {t("Cancel")}
              </button>
              <button type="submit" id="submit-feedback" class="primary">
                {t("Submit feedback")}
              </button>
            </div>
          </form>
        </Dialog>
      </Show>
    </>
  );
}
