/**
 * The chat settings dialog (`#chat-settings`). Each widget sits in a container whose id is the
 * widget id; values are edited locally and sent only on Confirm.
 */
import { For, Match, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import type { InputWidget } from "../../../protocol/settings";
import { t } from "../i18n";
import type { ChatSettingsState } from "../state/chat";
import { useSession } from "../state/session";
import { Dialog } from "./Dialog";

function initialValue(w: InputWidget, values: Record<string, unknown>): unknown {
  if (w.id in values) return values[w.id];
  if (w.initial !== undefined) return w.initial;
  if (w.type === "switch") return false;
  if (w.type === "tags") return [];
  if (w.type === "select") return w.values?.[0] ?? w.items?.[0]?.value ?? "";
  if (w.type === "slider" || w.type === "numberinput") return w.min ?? 0;
  return "";
}

function Widget(props: { w: InputWidget; value: unknown; set: (v: unknown) => void }) {
  const inputId = () => `${props.w.id}-input`;
  const options = () =>
    props.w.items ?? (props.w.values ?? []).map((v) => ({ label: v, value: v }));
  return (
    <div id={props.w.id} class={`setting setting-${props.w.type}`}>
      <label for={inputId()}>{props.w.label}</label>
      <Switch>
        <Match when={props.w.type === "select"}>
          <select
            id={inputId()}
            disabled={props.w.disabled}
            onChange={(e) => props.set(e.currentTarget.value)}
          >
            <For each={options()}>
              {(o) => (
                <option value={o.value} selected={o.value === props.value}>
                  {o.label}
                </option>
              )}
            </For>
          </select>
        </Match>
        <Match when={props.w.type === "slider"}>
          <div class="slider-row">
            <input
              id={inputId()}
              type="range"
              min={props.w.min ?? 0}
              max={props.w.max ?? 10}
              step={props.w.step ?? 1}
              value={Number(props.value)}
              disabled={props.w.disabled}
              onInput={(e) => props.set(Number(e.currentTarget.value))}
            />
            <output>{String(props.value)}</output>
          </div>
        </Match>
        <Match when={props.w.type === "switch"}>
          <input
            id={inputId()}
            type="checkbox"
            role="switch"
            aria-checked={Boolean(props.value)}
            checked={Boolean(props.value)}
            disabled={props.w.disabled}
            onChange={(e) => props.set(e.currentTarget.checked)}
          />
        </Match>
        <Match when={props.w.type === "numberinput"}>
          <input
            id={inputId()}
            type="number"
            value={Number(props.value)}
            min={props.w.min}
            max={props.w.max}
            step={props.w.step}
            disabled={props.w.disabled}
            onInput={(e) => props.set(e.currentTarget.valueAsNumber)}
          />
        </Match>
        <Match when={props.w.type === "tags"}>
          <input
            id={inputId()}
            type="text"
            placeholder={t("comma, separated, tags")}
            value={Array.isArray(props.value) ? props.value.join(", ") : ""}
            disabled={props.w.disabled}
            onChange={(e) =>
              props.set(
                e.currentTarget.value
                  .split(",")
                  .map((tag) => tag.trim())
                  .filter(Boolean),
              )
            }
          />
        </Match>
        <Match when={props.w.type === "textinput"}>
          <input
            id={inputId()}
            type="text"
            value={String(props.value ?? "")}
            placeholder={props.w.placeholder}
            disabled={props.w.disabled}
            onInput={(e) => props.set(e.currentTarget.value)}
          />
        </Match>
      </Switch>
      {props.w.description && <p class="muted">{props.w.description}</p>}
    </div>
  );
}

export default function ChatSettings(props: { settings: ChatSettingsState; onClose: () => void }) {
  const session = useSession();
  const [values, setValues] = createStore<Record<string, unknown>>(
    Object.fromEntries(
      props.settings.widgets.map((w) => [w.id, initialValue(w, props.settings.values)]),
    ),
  );
  return (
    <Dialog id="chat-settings" title={t("Chat settings")} onClose={props.onClose}>
      <div class="settings-list">
        <For each={props.settings.widgets}>
          {(w) => <Widget w={w} value={values[w.id]} set={(v) => setValues(w.id, v)} />}
        </For>
      </div>
      <div class="dialog-buttons">
        <button type="button" class="secondary" onClick={props.onClose}>
          {t("Cancel")}
        </button>
        <button
          type="button"
          class="primary"
          onClick={() => {
            session.updateSettings({ ...values });
            props.onClose();
          }}
        >
          {t("Confirm")}
        </button>
      </div>
    </Dialog>
  );
}
