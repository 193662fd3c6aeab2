/** Action buttons under a message; the DOM id of each is the action's id. */
import { For } from "solid-js";
import type { ActionData } from "../../../protocol/frames";
import { useSession } from "../state/session";

export function Actions(props: { actions: ActionData[] }) {
  const session = useSession();
  return (
    <div class="actions">
      <For each={props.actions}>
        {(action) => (
          <button
            type="button"
            id={action.id}
            class="action"
            title={action.tooltip}
            onClick={() => session.clickAction(action.id)}
          >
            {action.label || action.name}
          </button>
        )}
      </For>
    </div>
  );
}
