/** Draws the visible children of a parent (or the top level) as messages and steps. */
import { createComputed, createSignal, For, on, onCleanup, Show } from "solid-js";
import { isMessage } from "../../../protocol/frames";
import { useSession } from "../state/session";
import { continues } from "../state/tree";
import { Message } from "./Message";
import { Step } from "./Step";

/** Items drawn at once when a long conversation opens (more than a screenful). */
const FIRST_PAINT = 24;
/** Main-thread time per frame spent drawing older items; the batch size adapts to it. */
const FRAME_BUDGET_MS = 12;

export function StepList(props: { parentId: string; progressive?: boolean }) {
  const session = useSession();
  const ids = () => session.chat.tree().get(props.parentId) ?? [];
  // How many of the oldest items are not drawn yet. A long conversation (a reload, a snapshot)
  // shows its end at once and grows upwards a few items a frame, so the page never stalls.
  const [skipped, setSkipped] = createSignal(0);
  let frame = 0;
  let batch = 8;
  const drawOlder = () => {
    frame = 0;
    const started = performance.now();
    setSkipped((n) => Math.max(0, n - batch));
    // Solid draws synchronously, so this is what the batch cost (layout comes on top).
    const perItem = (performance.now() - started) / batch;
    batch = Math.max(2, Math.min(64, Math.floor(FRAME_BUDGET_MS / Math.max(perItem, 0.05))));
    if (skipped() > 0) frame = requestAnimationFrame(drawOlder);
  };
  if (props.progressive) {
    // A computation, not an effect: it must run before the list renders, or the list would
    // first draw everything and then throw most of it away.
    createComputed(
      on(
        () => ids().length,
        (count, before) => {
          // Only a jump (first load, snapshot) is drawn progressively; live additions are not.
          if (count - (before ?? 0) <= FIRST_PAINT) return;
          setSkipped(Math.max(skipped(), count - FIRST_PAINT));
          frame ||= requestAnimationFrame(drawOlder);
        },
      ),
    );
    onCleanup(() => cancelAnimationFrame(frame));
  }
  const drawn = () => (skipped() > 0 ? ids().slice(skipped()) : ids());
  return <For each={drawn()}>{(id, i) => <StepNode id={id} prevId={drawn()[i() - 1]} />}</For>;
}

function StepNode(props: { id: string; prevId: string | undefined }) {
  const session = useSession();
  const step = () => session.chat.state.steps[props.id];
  const prev = () => (props.prevId ? session.chat.state.steps[props.prevId] : undefined);
  return (
    <Show when={step()}>
      {(s) => (
        <Show when={isMessage(s().type)} fallback={<Step step={s()} />}>
          <Message step={s()} continued={continues(prev(), s())} />
        </Show>
      )}
    </Show>
  );
}
