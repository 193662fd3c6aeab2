/**
 * A step (`tool`, `llm`, …): a header toggle `#step-NAME` reading "Using NAME" while it runs
 * and "Used NAME" after; expanded, its input, output (where the names of its side elements,
 * such as a retrieval's "Source N", open them), inline elements and children.
 */
import { createMemo, createSignal, createUniqueId, Show } from "solid-js";
import type { StepText } from "../../../protocol/api";
import type { StepData } from "../../../protocol/frames";
import { t } from "../i18n";
import { useSession } from "../state/session";
import { useUi } from "../state/ui";
import { InlineElements } from "./InlineElements";
import { InterruptedBadge } from "./InterruptedBadge";
import { fenced, Markdown } from "./Markdown";
import { StepList } from "./StepList";

export function Step(props: { step: StepData }) {
  const session = useSession();
  const ui = useUi();
  const elements = () => session.chat.elementsByStep().get(props.step.id) ?? [];
  const inline = () => elements().filter((e) => e.display === "inline" && e.type !== "tasklist");
  const links = createMemo(() =>
    elements()
      .filter((e) => e.display !== "inline")
      .map((e) => ({ id: e.id, name: e.name })),
  );
  const openLink = (id: string) => {
    const el = session.chat.state.elements[id];
    if (el) ui.openElement(id, el.display === "page" ? "page" : "side");
  };
  const [open, setOpen] = createSignal(
    props.step.defaultOpen ?? session.config.ui.default_expand_messages,
  );
  const bodyId = createUniqueId();
  const running = () => Boolean(props.step.running);
  // A snapshot carries a preview of long texts; the whole step is fetched when asked for.
  // Live step frames are never cut, so a newer frame (no `truncated`) replaces what was fetched.
  const [whole, setWhole] = createSignal<StepText | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [loadError, setLoadError] = createSignal("");
  /** Full length of the displayed texts a snapshot cut short (0 when nothing was cut). */
  const hidden = () => {
    const t = whole() ? undefined : props.step.truncated;
    return (props.step.showInput ? (t?.input ?? 0) : 0) + (t?.output ?? 0);
  };
  const texts = () => (props.step.truncated && whole()) || props.step;
  const loadWhole = async () => {
    setLoading(true);
    setLoadError("");
    try {
      const res = await fetch(
        `/api/sessions/${session.sessionId()}/steps/${encodeURIComponent(props.step.id)}`,
      );
      if (!res.ok) throw new Error(t("could not load the step ({status})", { status: res.status }));
      setWhole((await res.json()) as StepText);
    } catch (err) {
      setLoadError((err as Error).message);
    } finally {
      setLoading(false);
    }
  };
  const input = () => {
    const show = props.step.showInput;
    const text = texts().input;
    if (!show || !text) return null;
    return fenced(text, typeof show === "string" ? show : "");
  };
  const output = () =>
    props.step.language ? fenced(texts().output, props.step.language) : texts().output;
  const kib = (chars: number) => `${Math.max(1, Math.round(chars / 1024))} KB`;

  return (
    <div
      class="step tool-step"
      data-step-type={props.step.type}
      classList={{ "step-error": Boolean(props.step.isError), "step-running": running() }}
    >
      <button
        type="button"
        id={`step-${props.step.name}`}
        class="step-toggle"
        aria-expanded={open()}
        aria-controls={bodyId}
        onClick={() => setOpen((o) => !o)}
      >
        <span class="step-status" aria-hidden="true" />
        {running()
          ? t("Using {name}", { name: props.step.name })
          : t("Used {name}", { name: props.step.name })}
        <span class="chevron" aria-hidden="true" />
      </button>
      <Show when={props.step.metadata?.interrupted === true}>
        <InterruptedBadge />
      </Show>
      <Show when={open()}>
        <div class="step-body" id={bodyId}>
          <Show when={input()}>
            {(text) => (
              <section class="step-input" aria-label={t("Input")}>
                <h3>{t("Input")}</h3>
                <Markdown text={text()} />
              </section>
            )}
          </Show>
          <Show when={props.step.output}>
            <section class="step-output" aria-label={t("Output")}>
              <h3>{props.step.isError ? t("Error") : t("Output")}</h3>
              <Markdown
                class="message-content"
                text={output()}
                streaming={Boolean(props.step.streaming) && session.chat.state.running}
                links={links()}
                onLink={openLink}
              />
            </section>
          </Show>
          <InlineElements elements={inline()} />
          <Show when={hidden()}>
            {(chars) => (
              <div class="step-more">
                <button
                  type="button"
                  class="step-show-all"
                  disabled={loading()}
                  onClick={() => void loadWhole()}
                >
                  {loading() ? t("Loading…") : t("Show all ({size})", { size: kib(chars()) })}
                </button>
                <Show when={loadError()}>
                  <span role="alert">{loadError()}</span>
                </Show>
              </div>
            )}
          </Show>
          <StepList parentId={props.step.id} />
        </div>
      </Show>
    </div>
  );
}
