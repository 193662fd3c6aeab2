/**
 * The composer's mode pickers (`cl.setModes`): `#modes` holds one `#mode-ID` picker per mode.
 * A choice made here rides on the next message; the server checks it and remembers it, so the
 * pickers show the remembered choice after a reload.
 */
import { createSignal, For, Show } from "solid-js";
import type { ModesState } from "../../../protocol/composer";
import { modeValues } from "../state/composer";
import { Icon } from "./Icon";

/** The options picked in this page, on top of what the server remembers. */
export function createModes(state: () => ModesState | null) {
  const [picked, setPicked] = createSignal<Record<string, string>>({});
  return {
    values: () => modeValues(state(), picked()),
    pick: (modeId: string, optionId: string) => setPicked({ ...picked(), [modeId]: optionId }),
  };
}

export type ModesPicked = ReturnType<typeof createModes>;

export function Modes(props: { state: ModesState | null; picked: ModesPicked }) {
  return (
    <Show when={props.state && props.state.modes.length > 0 && props.state}>
      {(state) => (
        <div id="modes" class="modes">
          <For each={state().modes}>
            {(mode) => {
              const option = () =>
                mode.options.find((o) => o.id === props.picked.values()[mode.id]);
              return (
                <label class="mode" title={option()?.description ?? mode.name}>
                  <Icon icon={option()?.icon} />
                  <select
                    id={`mode-${mode.id}`}
                    aria-label={mode.name}
                    value={props.picked.values()[mode.id] ?? ""}
                    onChange={(e) => props.picked.pick(mode.id, e.currentTarget.value)}
                  >
                    <For each={mode.options}>
                      {(o) => (
                        <option value={o.id} selected={o.id === props.picked.values()[mode.id]}>
                          {o.name}
                        </option>
                      )}
                    </For>
                  </select>
                </label>
              );
            }}
          </For>
        </div>
      )}
    </Show>
  );
}
