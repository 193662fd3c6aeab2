/** The inline elements attached to one message, in the order they arrived. */
import { For, Show } from "solid-js";
import type { ElementData } from "../../../protocol/frames";
import { ElementBody } from "./ElementBody";

export function InlineElements(props: { elements: ElementData[] }) {
  return (
    <Show when={props.elements.length > 0}>
      <div class="inline-elements">
        <For each={props.elements}>{(el) => <ElementBody el={el} display="inline" />}</For>
      </div>
    </Show>
  );
}
