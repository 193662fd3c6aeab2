/**
 * The chat domain: what the server has told us about the conversation, plus the user messages
 * we sent and the server has not echoed yet. `applyServerFrame` is the only place server frames
 * change this state; it is pure (returns a new object, shares untouched branches) so the Solid
 * store can diff it cheaply and tests can run it without a DOM.
 */
import type {
  AskData,
  ElementData,
  InputWidget,
  ServerFrame,
  StepData,
} from "../../../protocol/frames";

export interface ChatSettingsState {
  widgets: InputWidget[];
  values: Record<string, unknown>;
}

export interface ChatState {
  /** Highest event `seq` applied; sent as `lastSeq` in `hello`. */
  seq: number;
  steps: Record<string, StepData>;
  elements: Record<string, ElementData>;
  running: boolean;
  ask: AskData | null;
  settings: ChatSettingsState | null;
  /** Set once the session became a thread (first user interaction). */
  threadName: string | null;
  /** User messages sent but not yet echoed by the server, oldest first. */
  pending: PendingMessage[];
  /** Last `error` reply, shown as a transient notice. */
  error: { code: string; message: string } | null;
}

export interface PendingMessage {
  id: string;
  content: string;
  files?: string[];
  createdAt: number;
}

export function makeChatState(): ChatState {
  return {
    seq: 0,
    steps: {},
    elements: {},
    running: false,
    ask: null,
    settings: null,
    threadName: null,
    pending: [],
    error: null,
  };
}

function byId<T extends { id: string }>(items: T[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of items) out[item.id] = item;
  return out;
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _gone, ...rest } = record;
  return rest;
}

function dropPending(pending: PendingMessage[], ids: (id: string) => boolean): PendingMessage[] {
  return pending.some((p) => ids(p.id)) ? pending.filter((p) => !ids(p.id)) : pending;
}

/**
 * Applies one validated server frame. Events at or below `state.seq` were already applied (a
 * replay after reconnect overlaps what we have) and are ignored, so nothing shows twice.
 * @example
 * let s = makeChatState();
 * s = applyServerFrame(s, { type: "task", seq: 1, running: true });
 * s.running; // true
 */
export function applyServerFrame(state: ChatState, frame: ServerFrame): ChatState {
  switch (frame.type) {
    case "ready":
    case "pong":
      return state;
    case "error":
      return { ...state, error: { code: frame.code, message: frame.message } };
    case "snapshot": {
      const snap = frame.snapshot;
      const steps = byId(snap.steps);
      return {
        seq: frame.seq,
        steps,
        elements: byId(snap.elements),
        running: snap.running,
        ask: snap.ask,
        settings: snap.settings,
        threadName: snap.threadName,
        pending: dropPending(state.pending, (id) => id in steps),
        error: state.error,
      };
    }
  }
  if (frame.seq <= state.seq) return state;
  const next = { ...state, seq: frame.seq };
  switch (frame.type) {
    case "step": {
      const step = frame.step;
      next.steps = { ...state.steps, [step.id]: step };
      next.pending = dropPending(state.pending, (id) => id === step.id);
      return next;
    }
    case "delta": {
      const step = state.steps[frame.id];
      // A delta for a step we never saw cannot be placed; the next snapshot will carry it.
      if (!step) return next;
      const output = frame.replace ? frame.text : step.output + frame.text;
      next.steps = { ...state.steps, [frame.id]: { ...step, output, streaming: true } };
      return next;
    }
    case "remove":
      next.steps = withoutKey(state.steps, frame.id);
      return next;
    case "element":
      next.elements = { ...state.elements, [frame.element.id]: frame.element };
      return next;
    case "element_remove":
      next.elements = withoutKey(state.elements, frame.id);
      return next;
    case "task":
      next.running = frame.running;
      return next;
    case "ask":
      next.ask = frame.ask;
      return next;
    case "settings":
      next.settings = { widgets: frame.widgets, values: frame.values };
      return next;
    case "thread":
      next.threadName = frame.name;
      return next;
  }
}

/** Records a user message the moment it is sent, before the server echoes it. */
export function addPending(state: ChatState, message: PendingMessage): ChatState {
  return { ...state, pending: [...state.pending, message] };
}

export function clearError(state: ChatState): ChatState {
  return state.error ? { ...state, error: null } : state;
}
