/**
 * A step (`tool`, `llm`, …): a header toggle `#step-NAME` reading "Using NAME" while it runs
 * and "Used NAME" after; expanded, its input, output and children.
 */
import { createSignal, createUniqueId, Show } from "solid-js";
import type { StepData } from "../../../protocol/frames";
import { useSession } from "../state/session";
import { InterruptedBadge } from "./InterruptedBadge";
import { fenced, Markdown } from "./Markdown";
import { StepList } from "./StepNode";

export function Step(props: { step: StepData }) {
  const session = useSession();
  const [open, setOpen] = createSignal(
    props.step.defaultOpen ?? session.config.ui.default_expand_messages,
  );
  const bodyId = createUniqueId();
  const running = () => Boolean(props.step.running);
  const input = () => {
    const show = props.step.showInput;
    const text = props.step.input;
    if (!show || !text) return null;
    return fenced(text, typeof show === "string" ? show : "");
  };
  const output = () =>
    props.step.language ? fenced(props.step.output, props.step.language) : props.step.output;

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
        {running() ? `Using ${props.step.name}` : `Used ${props.step.name}`}
        <span class="chevron" aria-hidden="true" />
      </button>
      <Show when={props.step.metadata?.interrupted === true}>
        <InterruptedBadge />
      </Show>
      <Show when={open()}>
        <div class="step-body" id={bodyId}>
          <Show when={input()}>
            {(text) => (
              <section class="step-input" aria-label="Input">
                <h3>Input</h3>
                <Markdown text={text()} />
              </section>
            )}
          </Show>
          <Show when={props.step.output}>
            <section class="step-output" aria-label="Output">
              <h3>{props.step.isError ? "Error" : "Output"}</h3>
              <Markdown
                class="message-content"
                text={output()}
                streaming={Boolean(props.step.streaming) && session.chat.state.running}
              />
            </section>
          </Show>
          <StepList parentId={props.step.id} />
        </div>
      </Show>
    </div>
  );
}
