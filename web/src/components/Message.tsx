/**
 * A message (`.step[data-step-type=*_message]`): avatar and author, its text (markdown for the
 * assistant, plain for the user), elements, actions, an open ask, copy, edit (user messages)
 * and feedback, and any children.
 */
import { createMemo, createSignal, Show } from "solid-js";
import type { StepData } from "../../../protocol/frames";
import { t } from "../i18n";
import { useSession } from "../state/session";
import { useUi } from "../state/ui";
import { Actions } from "./Actions";
import { AskPrompt } from "./AskPrompt";
import { Avatar } from "./Avatar";
import { Collapsible } from "./Collapsible";
import { MessageCommand } from "./Commands";
import { CopyButton } from "./CopyButton";
import { EditButton, EditForm } from "./EditMessage";
import { Feedback } from "./Feedback";
import { InlineElements } from "./InlineElements";
import { InterruptedBadge } from "./InterruptedBadge";
import { fenced, Markdown } from "./Markdown";
import { StepList } from "./StepList";
import "./polish.css";

const sameLinks = (a: { id: string; name: string }[], b: { id: string; name: string }[]) =>
  a.length === b.length && a.every((x, i) => x.id === b[i]?.id && x.name === b[i]?.name);

export function Message(props: { step: StepData; continued?: boolean }) {
  const session = useSession();
  const ui = useUi();
  const isUser = () => props.step.type === "user_message";
  const [editing, setEditing] = createSignal(false);
  const editable = () => isUser() && session.config.features.edit_message && !session.readOnly;
  const elements = () => session.chat.elementsByStep().get(props.step.id) ?? [];
  const inline = () => elements().filter((e) => e.display === "inline" && e.type !== "tasklist");
  const links = createMemo(
    () =>
      elements()
        .filter((e) => e.display !== "inline")
        .map((e) => ({ id: e.id, name: e.name })),
    [],
    { equals: sameLinks },
  );
  // A message whose task ended is done even if its final update never came.
  const streaming = () => Boolean(props.step.streaming) && session.chat.state.running;
  const ask = () => {
    const a = session.chat.state.ask;
    return a && a.stepId === props.step.id ? a : null;
  };
  const openLink = (id: string) => {
    const el = session.chat.state.elements[id];
    if (el) ui.openElement(id, el.display === "page" ? "page" : "side");
  };
  const text = () =>
    props.step.language ? fenced(props.step.output, props.step.language) : props.step.output;

  return (
    <div
      class="step message"
      data-step-type={props.step.type}
      classList={{
        "message-user": isUser(),
        "message-error": Boolean(props.step.isError),
        "message-continued": props.continued === true,
      }}
    >
      <Show when={!isUser()}>
        {/* The same author again: the avatar's place stays, so the text lines up. */}
        <Show
          when={!props.continued}
          fallback={<span class="avatar avatar-spacer" aria-hidden="true" />}
        >
          <Avatar name={props.step.name} icon={props.step.icon} />
        </Show>
      </Show>
      <div class="message-main">
        <Show when={!isUser() && !props.continued}>
          <div class="message-author">
            {props.step.name}
            <Show when={props.step.metadata?.interrupted === true}>
              <InterruptedBadge />
            </Show>
          </div>
        </Show>
        <Show when={editing()}>
          <EditForm id={props.step.id} text={props.step.output} onDone={() => setEditing(false)} />
        </Show>
        <Collapsible
          enabled={session.config.ui.default_collapse_content && !streaming()}
          text={props.step.output}
          hidden={editing()}
        >
          <Show
            when={isUser()}
            fallback={
              <Markdown
                class="message-content"
                text={text()}
                streaming={streaming()}
                links={links()}
                onLink={openLink}
              />
            }
          >
            <MessageCommand step={props.step} />
            <div class="message-content user-text">{props.step.output}</div>
          </Show>
        </Collapsible>
        <Show when={streaming()}>
          <span class="stream-cursor" aria-hidden="true" />
        </Show>
        <InlineElements elements={inline()} />
        <Show when={props.step.actions?.length}>
          <Actions actions={props.step.actions ?? []} />
        </Show>
        <Show when={ask()}>
          {(a) => <AskPrompt ask={a()} shownActionIds={props.step.actions?.map((x) => x.id)} />}
        </Show>
        <Show when={!streaming() && props.step.output}>
          <div class="message-tools">
            <CopyButton text={props.step.output} label={t("Copy message")} />
            <Show when={editable() && !editing()}>
              <EditButton onClick={() => setEditing(true)} />
            </Show>
            {/* Edgelit's own notices (stopped, restarted) are not answers to rate. */}
            <Show
              when={
                props.step.type === "assistant_message" &&
                props.step.metadata?.notice !== true &&
                !session.readOnly &&
                // A question waiting for its answer is not an answer to rate yet.
                !ask()
              }
            >
              <Feedback step={props.step} />
            </Show>
          </div>
        </Show>
        <StepList parentId={props.step.id} />
      </div>
    </div>
  );
}
