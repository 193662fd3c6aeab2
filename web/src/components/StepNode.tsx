/** Draws the visible children of a parent (or the top level) as messages and steps. */
import { For, Show } from "solid-js";
import { useSession } from "../state/session";
import { isMessageType } from "../state/tree";
import { Message } from "./Message";
import { Step } from "./Step";

export function StepList(props: { parentId: string }) {
  const session = useSession();
  return (
    <For each={session.chat.tree().get(props.parentId) ?? []}>{(id) => <StepNode id={id} />}</For>
  );
}

function StepNode(props: { id: string }) {
  const session = useSession();
  const step = () => session.chat.state.steps[props.id];
  return (
    <Show when={step()}>
      {(s) => (
        <Show when={isMessageType(s().type)} fallback={<Step step={s()} />}>
          <Message step={s()} />
        </Show>
      )}
    </Show>
  );
}
