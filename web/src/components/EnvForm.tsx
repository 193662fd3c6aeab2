/**
 * Asks for the `[project] user_env` keys before the chat starts (one `#KEY` input each,
 * `#submit-env`). Values stay in this browser's localStorage and go to the session in `hello`.
 */
import { For } from "solid-js";
import { t } from "../i18n";
import { readEnv, writeEnv } from "../state/env";

export default function EnvForm(props: { keys: string[]; onDone: () => void }) {
  const stored = readEnv();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const values: Record<string, string> = { ...stored };
    for (const key of props.keys) values[key] = String(form.get(key) ?? "").trim();
    writeEnv(values);
    props.onDone();
  };
  return (
    <main class="centered-page">
      <form class="card env-form" onSubmit={submit}>
        <h1>{t("Required keys")}</h1>
        <p class="muted">
          {t("This app needs the following values. They are kept in this browser only.")}
        </p>
        <For each={props.keys}>
          {(key) => (
            <label class="field">
              <span>{key}</span>
              <input
                id={key}
                name={key}
                type="password"
                autocomplete="off"
                value={stored[key] ?? ""}
                required
              />
            </label>
          )}
        </For>
        <button type="submit" id="submit-env" class="primary">
          {t("Save")}
        </button>
      </form>
    </main>
  );
}
