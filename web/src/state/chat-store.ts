/**
 * The chat store: a Solid store fed only through the pure reducer. Frames are reduced as they
 * arrive, and the result is written to the store at most once per animation frame: a burst of
 * a thousand events costs one store update, one tree rebuild and one layout, not a thousand.
 * Writing diffs by identity, so a streamed delta becomes a path write to one step (one text
 * node changes) and a snapshot reconciles row by row, keeping unchanged rows in place (into an
 * empty chat it is a single write).
 */
import { batch, createMemo, createSignal } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import type { ElementData, ServerFrame, StepData, StepType } from "../../../protocol/frames";
import {
  addPending,
  applyServerFrame,
  type ChatState,
  clearError,
  makeChatState,
  type PendingMessage,
} from "./chat";
import { buildTree, type CotMode, flatten, isAwaitingOutput } from "./tree";

function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}

/** Hidden tabs get no animation frames; this bounds how stale they may get. */
const MAX_DEFER_MS = 250;

export function createChatStore(cot: () => CotMode) {
  const [state, setState] = createStore<ChatState>(makeChatState());
  /** Reducer state: every frame received so far. */
  let current: ChatState = makeChatState();
  /** What the store holds. Objects from it may be adopted (and later mutated) by the store. */
  let committed: ChatState = current;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const writeRecord = <T extends object>(
    key: "steps" | "elements",
    prev: Record<string, T>,
    next: Record<string, T>,
  ) => {
    if (prev === next) return;
    const set = setState as (...args: unknown[]) => void;
    // A snapshot into an empty chat (a reload, a thread opened): one write, not one per row.
    if (isEmpty(prev)) return set(key, next);
    for (const id in next) {
      const before = prev[id];
      const after = next[id];
      if (before === after) continue;
      set(key, id, before === undefined ? after : reconcile(after as T & object));
    }
    for (const id in prev) if (!(id in next)) set(key, id, undefined);
  };

  /** Bumped when steps are added, removed, moved or change type: what the tree is built from. */
  const [structure, setStructure] = createSignal(0);
  const sameShape = (a: StepData | undefined, b: StepData | undefined) =>
    a !== undefined &&
    b !== undefined &&
    a.parentId === b.parentId &&
    a.type === b.type &&
    a.order === b.order &&
    a.createdAt === b.createdAt;
  const shapeChanged = (prev: Record<string, StepData>, next: Record<string, StepData>) => {
    if (prev === next) return false;
    for (const id in next) if (prev[id] !== next[id] && !sameShape(prev[id], next[id])) return true;
    for (const id in prev) if (!(id in next)) return true;
    return false;
  };

  const flush = () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    frame = 0;
    timer = undefined;
    const prev = committed;
    const next = current;
    if (prev === next) return;
    committed = next;
    const reshaped = shapeChanged(prev.steps, next.steps);
    batch(() => {
      if (reshaped) setStructure((n) => n + 1);
      writeRecord("steps", prev.steps, next.steps);
      writeRecord("elements", prev.elements, next.elements);
      if (prev.seq !== next.seq) setState("seq", next.seq);
      if (prev.running !== next.running) setState("running", next.running);
      if (prev.threadName !== next.threadName) setState("threadName", next.threadName);
      if (prev.ask !== next.ask) setState("ask", next.ask && reconcile(next.ask));
      if (prev.settings !== next.settings)
        setState("settings", next.settings && reconcile(next.settings));
      if (prev.pending !== next.pending)
        setState("pending", reconcile(next.pending, { key: "id" }));
      if (prev.error !== next.error) setState("error", next.error);
    });
  };

  const schedule = () => {
    if (frame || timer) return;
    frame = requestAnimationFrame(flush);
    timer = setTimeout(flush, MAX_DEFER_MS);
  };

  /** Local changes (the user just acted) show at once. */
  const update = (next: ChatState) => {
    current = next;
    flush();
  };

  // Built from the committed plain objects, not through the store's proxies: a snapshot of a
  // long conversation is 1,500 steps, and only their shape matters here.
  const tree = createMemo(() => {
    structure();
    cot();
    return buildTree(Object.values(committed.steps), cot());
  });
  const drawnTypes = createMemo((): StepType[] =>
    flatten(tree()).map((id) => committed.steps[id]?.type ?? "undefined"),
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
    apply: (f: ServerFrame) => {
      const next = applyServerFrame(current, f);
      if (next === current) return;
      current = next;
      schedule();
    },
    addPending: (message: PendingMessage) => update(addPending(current, message)),
    clearError: () => update(clearError(current)),
    reset: () => update(makeChatState()),
    /** Non-reactive read for the connection (lastSeq, resends). */
    peek: () => current,
  };
}
