/**
 * `UI.default_collapse_content`: a message content taller than a few lines is shown collapsed
 * (clipped, faded) with a "Show more" toggle, as in Chainlit. Height is measured, not guessed
 * from the text, so a long single paragraph and a tall table both count; a streamed answer is
 * never clipped while it grows, only once done.
 */
import { createEffect, createSignal, type JSX, on, onCleanup, onMount, Show } from "solid-js";
import { t } from "../i18n";

export function Collapsible(props: {
  enabled: boolean;
  text: string;
  /** Kept mounted but not shown (the message is being edited). */
  hidden?: boolean;
  children: JSX.Element;
}) {
  const [open, setOpen] = createSignal(false);
  const [tall, setTall] = createSignal(false);
  let box: HTMLDivElement | undefined;
  // The clipped child is the content itself; it overflows exactly when it is too tall.
  const measure = () => {
    const content = box?.firstElementChild;
    if (!content || !props.enabled || open()) return;
    setTall(content.scrollHeight > content.clientHeight + 1);
  };
  onMount(() => {
    const observer = new ResizeObserver(measure);
    if (box?.firstElementChild) observer.observe(box.firstElementChild);
    onCleanup(() => observer.disconnect());
  });
  createEffect(on([() => props.text, () => props.enabled], () => requestAnimationFrame(measure)));
  const clip = () => props.enabled && !open();
  return (
    <div
      ref={box}
      class="collapsible"
      hidden={props.hidden}
      classList={{ clip: clip(), collapsed: clip() && tall() }}
    >
      {props.children}
      <Show when={props.enabled && tall()}>
        <button
          type="button"
          class="show-more"
          aria-expanded={open()}
          onClick={() => setOpen(!open())}
        >
          {open() ? t("Show less") : t("Show more")}
        </button>
      </Show>
    </div>
  );
}
