/**
 * The conversation: every visible message and step in server order, the user's not yet echoed
 * messages, the loading cursor, and a scroll position that follows new output until the user
 * scrolls away (then a button brings it back).
 */
import { createEffect, createSignal, For, on, onCleanup, onMount, Show } from "solid-js";
import type { StepData } from "../../../protocol/frames";
import { t } from "../i18n";
import type { PendingMessage } from "../state/chat";
import { useSession } from "../state/session";
import { ROOT } from "../state/tree";
import { Message } from "./Message";
import { StepList } from "./StepList";
import { Welcome } from "./Welcome";

const NEAR_BOTTOM_PX = 48;

function pendingStep(m: PendingMessage): StepData {
  return {
    id: m.id,
    parentId: null,
    type: "user_message",
    name: t("You"),
    output: m.content,
    createdAt: m.createdAt,
    order: Number.MAX_SAFE_INTEGER,
    ...(m.command ? { metadata: { command: m.command } } : {}),
  };
}

export function MessageList() {
  const session = useSession();
  const chat = session.chat;
  let scroller!: HTMLDivElement;
  let content!: HTMLDivElement;
  const [atBottom, setAtBottom] = createSignal(true);
  let stick = true;

  const toBottom = (smooth = false) => {
    scroller.scrollTo({ top: scroller.scrollHeight, behavior: smooth ? "smooth" : "instant" });
  };
  const onScroll = () => {
    stick = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
    setAtBottom(stick);
  };
  onMount(() => {
    // Growth of the content (new steps, streamed text, images loading) keeps the view pinned.
    const observer = new ResizeObserver(() => {
      if (stick) toBottom();
    });
    observer.observe(content);
    onCleanup(() => observer.disconnect());
  });
  // Sending a message always brings the conversation back to its end.
  createEffect(
    on(
      () => chat.state.pending.length,
      (n, prev) => {
        if (n > (prev ?? 0)) {
          stick = true;
          setAtBottom(true);
          toBottom();
        }
      },
    ),
  );
  const empty = () => (chat.tree().get(ROOT)?.length ?? 0) === 0 && chat.state.pending.length === 0;

  return (
    <div class="messages" ref={scroller} onScroll={onScroll}>
      <div class="messages-inner" ref={content} role="log">
        <Show when={empty()}>
          <Welcome />
        </Show>
        <StepList parentId={ROOT} progressive />
        <For each={chat.state.pending}>{(m) => <Message step={pendingStep(m)} />}</For>
        <Show when={chat.awaitingOutput()}>
          <div class="loading-cursor" role="status" aria-label={t("Working")} />
        </Show>
      </div>
      <Show when={!atBottom()}>
        <button
          type="button"
          id="scroll-down-button"
          class="scroll-down"
          aria-label={t("Scroll to the latest message")}
          onClick={() => toBottom(true)}
        >
          ↓
        </button>
      </Show>
    </div>
  );
}
