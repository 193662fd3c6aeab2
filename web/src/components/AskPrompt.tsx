/**
 * The answer controls of an open file or action ask (a text ask is answered by the composer).
 * Drawn inside the message that asked, or above the composer when that message is not shown.
 */

import { createSignal, Match, Show, Switch } from "solid-js";
import type { AskData } from "../../../protocol/frames";
import { t } from "../i18n";
import { acceptAttr, accepts, uploadFile } from "../net/upload";
import { useSession } from "../state/session";
import { useUi } from "../state/ui";
import { Actions } from "./Actions";

function AskFile(props: { ask: AskData }) {
  const session = useSession();
  const ui = useUi();
  const [progress, setProgress] = createSignal<number | null>(null);
  let input!: HTMLInputElement;
  const maxFiles = () => props.ask.maxFiles ?? 1;

  const onPick = async () => {
    const files = [...(input.files ?? [])].slice(0, maxFiles());
    input.value = "";
    const id = session.sessionId();
    if (files.length === 0 || !id) return;
    const maxBytes = (props.ask.maxSizeMb ?? 2) * 1024 * 1024;
    const bad = files.find((f) => f.size > maxBytes || !accepts(f, props.ask.accept));
    if (bad) {
      ui.notify(
        t("{name}: not accepted (type, or larger than {size} MB)", {
          name: bad.name,
          size: props.ask.maxSizeMb ?? 2,
        }),
      );
      return;
    }
    const fractions = files.map(() => 0);
    setProgress(0);
    try {
      const uploaded = await Promise.all(
        files.map(
          (f, i) =>
            uploadFile(id, f, (p) => {
              fractions[i] = p;
              setProgress(fractions.reduce((a, b) => a + b, 0) / files.length);
            }).promise,
        ),
      );
      session.replyFiles(
        props.ask.id,
        uploaded.map((u) => u.id),
      );
    } catch (err) {
      ui.notify((err as Error).message);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div class="ask-file">
      <button
        type="button"
        id="ask-upload-button"
        class="primary"
        disabled={progress() !== null}
        onClick={() => input.click()}
      >
        {progress() === null
          ? t("Browse files")
          : t("Uploading… {percent}%", { percent: Math.round((progress() ?? 0) * 100) })}
      </button>
      <input
        ref={input}
        id="ask-button-input"
        type="file"
        hidden
        multiple={maxFiles() > 1}
        accept={acceptAttr(props.ask.accept)}
        onChange={() => void onPick()}
      />
      <span class="muted">
        {t(
          maxFiles() > 1 ? "Max {count} files, {size} MB each" : "Max {count} file, {size} MB each",
          {
            count: maxFiles(),
            size: props.ask.maxSizeMb ?? 2,
          },
        )}
      </span>
    </div>
  );
}

export function AskPrompt(props: { ask: AskData; shownActionIds?: string[] }) {
  const extraActions = () =>
    (props.ask.actions ?? []).filter((a) => !props.shownActionIds?.includes(a.id));
  return (
    <Switch>
      <Match when={props.ask.kind === "file"}>
        <AskFile ask={props.ask} />
      </Match>
      <Match when={props.ask.kind === "action"}>
        <Show when={extraActions().length > 0}>
          <Actions actions={extraActions()} />
        </Show>
      </Match>
    </Switch>
  );
}
