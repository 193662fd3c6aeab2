/**
 * The chat domain: what the server has told us about the conversation, plus the user messages
 * we sent and the server has not echoed yet. `applyServerFrame` is the only place server frames
 * change this state; it is pure (returns a new object, shares untouched branches) so the Solid
 * store can diff it cheaply and tests can run it without a DOM.
 */
import type { CommandData, ModesState } from "../../../protocol/composer";
import type {
  AskData,
  ElementData,
  ServerFrame,
  StepData,
  UsageTotal,
} from "../../../protocol/frames";
import type { McpServerData } from "../../../protocol/mcp";
import type { InputWidget } from "../../../protocol/settings";

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
  /** The session's connected MCP servers (`[features.mcp]`). */
  mcp: McpServerData[];
  /** The session's token total over its llm steps. */
  usage: UsageTotal;
  /** The last refusal of an MCP connect/remove, numbered so a dialog sees only newer ones. */
  mcpError: { message: string; n: number } | null;
  /** `cl.setCommands`: the composer's commands. */
  commands: CommandData[];
  /** `cl.setModes`: the pickers and the choice the server remembers. */
  modes: ModesState | null;
}

export interface PendingMessage {
  id: string;
  content: string;
  files?: string[];
  command?: string;
  modes?: Record<string, string>;
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
    mcp: [],
    usage: { inputTokens: 0, outputTokens: 0 },
    mcpError: null,
    commands: [],
    modes: null,
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

/** `error` codes by which the server refuses a user message without running it. */
export const REFUSED_MESSAGE_CODES: ReadonlySet<string> = new Set(["rate_limited", "too_large"]);

/** How far a server clock may lag ours when matching an echo to what we sent. */
const CLOCK_SLACK_MS = 60_000;

/**
 * The server gives a user message its own id, so an echo is matched to what we sent by client
 * id when the server reports one (`metadata.clientId`), else by content (oldest first).
 */
function echoes(step: StepData, message: PendingMessage): boolean {
  if (step.type !== "user_message") return false;
  const clientId = step.metadata?.clientId;
  if (typeof clientId === "string") return clientId === message.id;
  return step.id === message.id || step.output === message.content;
}

function dropEchoed(
  pending: PendingMessage[],
  steps: StepData[],
  /** Snapshots hold old messages too; only ones about as new as ours can be its echo. */
  recentOnly: boolean,
): PendingMessage[] {
  if (pending.length === 0) return pending;
  const unused = steps.filter((s) => s.type === "user_message");
  const kept = pending.filter((message) => {
    const at = unused.findIndex(
      (s) =>
        echoes(s, message) && (!recentOnly || s.createdAt >= message.createdAt - CLOCK_SLACK_MS),
    );
    if (at === -1) return true;
    unused.splice(at, 1);
    return false;
  });
  return kept.length === pending.length ? pending : kept;
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
    // A toast is not conversation state: the session shows it (see state/toasts.ts).
    case "toast":
    // Messages for the host page (copilot widget, iframe): not conversation state.
    case "call_fn":
    case "window_message":
      return state;
    case "error": {
      const error = { code: frame.code, message: frame.message };
      // The server answers messages in order, so a refusal is about the oldest one not echoed;
      // it was not run and must not stay pending (nor be resent after a reconnect). A refusal
      // naming another frame (an action, feedback, …) leaves the messages alone.
      const aboutMessage = (frame.frame ?? "message") === "message";
      if (REFUSED_MESSAGE_CODES.has(frame.code) && aboutMessage && state.pending.length > 0) {
        return { ...state, pending: state.pending.slice(1), error };
      }
      if (frame.frame === "mcp_connect" || frame.frame === "mcp_disconnect") {
        const n = (state.mcpError?.n ?? 0) + 1;
        return { ...state, error, mcpError: { message: frame.message, n } };
      }
      return { ...state, error };
    }
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
        pending: dropEchoed(state.pending, snap.steps, true),
        error: state.error,
        mcp: snap.mcp ?? [],
        usage: snap.usage ?? { inputTokens: 0, outputTokens: 0 },
        mcpError: state.mcpError,
        commands: snap.commands ?? [],
        modes: snap.modes ?? null,
      };
    }
  }
  if (frame.seq <= state.seq) return state;
  const next = { ...state, seq: frame.seq };
  switch (frame.type) {
    case "step": {
      const step = frame.step;
      const isNew = !(step.id in state.steps);
      next.steps = { ...state.steps, [step.id]: step };
      if (isNew) next.pending = dropEchoed(state.pending, [step], false);
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
    case "feedback": {
      const step = state.steps[frame.id];
      if (!step) return next;
      const feedback = { value: frame.value, ...(frame.comment ? { comment: frame.comment } : {}) };
      next.steps = { ...state.steps, [frame.id]: { ...step, feedback } };
      return next;
    }
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
    case "mcp":
      next.mcp = frame.servers;
      return next;
    case "usage":
      next.usage = frame.usage;
      return next;
    case "commands":
      next.commands = frame.commands;
      return next;
    case "modes":
      next.modes = frame.modes;
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
