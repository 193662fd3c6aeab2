/**
 * The chat store: a Solid store fed only through the pure reducer. Frames that touch one step
 * (the streaming hot path) are written with a path setter so one text node updates; everything
 * else, snapshots included, goes through `reconcile`, which keeps unchanged rows in place.
 */
import { createMemo } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import type { ElementData, ServerFrame, StepType } from "../../../protocol/frames";
import {
  type ChatState,
  type PendingMessage,
  addPending,
  applyServerFrame,
  clearError,
  makeChatState,
} from "./chat";
import { type CotMode, buildTree, flatten, isAwaitingOutput } from "./tree";

export function createChatStore(cot: () => CotMode) {
  const [state, setState] = createStore<ChatState>(makeChatState());
  // The reducer wants a plain snapshot; the store's current value is one (proxies read through).
  let current: ChatState = makeChatState();

  const commit = (next: ChatState, frame?: ServerFrame) => {
    if (next === current) return;
    const prev = current;
    current = next;
    const id = frame?.type === "delta" ? frame.id : frame?.type === "step" ? frame.step.id : null;
    const onlyOneStep =
      id !== null && next.pending === prev.pending && next.elements === prev.elements;
    if (onlyOneStep && id in prev.steps && next.steps[id]) {
      setState("seq", next.seq);
      if (frame?.type === "delta") {
        const step = next.steps[id];
        setState("steps", id, "output", step.output);
        setState("steps", id, "streaming", true);
      } else {
        setState("steps", id, reconcile(next.steps[id]));
      }
      return;
    }
    setState(reconcile(next, { key: "id", merge: true }));
  };

  const tree = createMemo(() =>
    buildTree(
      Object.values(state.steps).map((s) => ({
        id: s.id,
        parentId: s.parentId,
        type: s.type,
        order: s.order,
        createdAt: s.createdAt,
      })),
      cot(),
    ),
  );
  const drawnTypes = createMemo((): StepType[] =>
    flatten(tree()).map((id) => state.steps[id]?.type ?? "undefined"),
  );
  const awaitingOutput = createMemo(() =>
    isAwaitingOutput(state.running, state.pending.length, drawnTypes()),
  );

  const elementsByStep = createMemo(() => {
    const map = new Map<string, ElementData[]>();
    for (const el of Object.values(state.elements)) {
      if (!el.forId) continue;
      const list = map.get(el.forId);
      if (list) list.push(el);
      else map.set(el.forId, [el]);
    }
    return map;
  });
  const taskList = createMemo(() =>
    Object.values(state.elements).findLast((el) => el.type === "tasklist"),
  );

  return {
    state,
    tree,
    elementsByStep,
    taskList,
    awaitingOutput,
    apply: (frame: ServerFrame) => commit(applyServerFrame(current, frame), frame),
    addPending: (message: PendingMessage) => commit(addPending(current, message)),
    clearError: () => commit(clearError(current)),
    reset: () => commit(makeChatState()),
    /** Non-reactive read for the connection (lastSeq, resends). */
    peek: () => current,
  };
}

export type ChatStore = ReturnType<typeof createChatStore>;
