/**
 * The one way a session emits: each event gets the next sequence number, is encoded once,
 * appended to the log, folded into the materialised state and sent to every ready socket.
 * Streamed tokens leave at once unless they come in a burst: the first token of a step and a
 * token after a quiet gap are sent inside `token()`; tokens within the window after a send wait
 * for its end and leave as one `delta` frame per step (one encoding, one log row, one send).
 */
import type { FeedbackData, ServerEvent, StepData } from "../../protocol/frames.js";
import { readySockets } from "./sockets.js";
import type { EventLog } from "./store/event-log.js";
import type { StepStore } from "./store/steps.js";

type Unsequenced<T> = T extends unknown ? Omit<T, "seq"> : never;
export type EventBody = Unsequenced<ServerEvent>;

/** An event sent as it is: one that changes neither a step nor an element (those are stored). */
export type StateEvent = Exclude<
  EventBody,
  { type: "step" | "delta" | "remove" | "feedback" | "element" | "element_remove" }
>;

/**
 * A burst's first window: a token this long after its step's previous one, or after the last
 * frame, leaves at once. Short, so two tokens that happen to arrive in one read cost little.
 * While a burst lasts its window grows, and a gap shorter than the window is part of it.
 */
export const FLUSH_WINDOW_MS = 8;
/** The longest a burst's window grows to while tokens keep crowding in. */
export const MAX_WINDOW_MS = 64;
/**
 * A window that closes with at least one token per this many ms doubles the next; a sparser one
 * resets it. Above ~250 tokens/s a stream settles at one frame per MAX_WINDOW_MS (at most 0.05
 * frames per token from ~300 tokens/s), while slower streams keep a frame per token, sent at once.
 */
const DENSE_MS_PER_TOKEN = 4;
/**
 * Inside a Worker `Date.now()` stands still while code runs: a burst parsed from one read of
 * buffered input all looks simultaneous, and the timer cannot fire until the read yields. A
 * burst this long is sent anyway, so one slow read never holds the answer back.
 */
export const MAX_BURST_TOKENS = 256;

interface Pending {
  text: string;
  replace: boolean;
  /** Tokens folded into `text`. */
  tokens: number;
}

export class Emitter {
  readonly #pending = new Map<string, Pending>();
  /** Tokens waiting in #pending, over all steps. */
  #queued = 0;
  /** When each streaming step's last token came (cleared by step(), remove() and flush()). */
  readonly #lastToken = new Map<string, number>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** When the last delta frame left; tokens within #window after it are a burst. */
  #sentAt = Number.NEGATIVE_INFINITY;
  #window = FLUSH_WINDOW_MS;
  /**
   * Sees every event after it is logged and sent: a headless client (a chat platform,
   * ./platform-client.ts) renders from it. It must not throw or emit.
   */
  observer: ((event: EventBody) => void) | null = null;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly log: EventLog,
    private readonly steps: StepStore,
  ) {}

  /** Logs and broadcasts an event; returns its seq. */
  emit(body: EventBody, stepId: string | null = null): number {
    const seq = this.log.nextSeq();
    const frame = JSON.stringify({ ...body, seq });
    this.log.append(seq, frame, stepId);
    this.#broadcast(frame);
    this.observer?.(body);
    return seq;
  }

  /**
   * Creates or replaces a step; pending tokens of that step are sent first. Feedback the user
   * gave stays on the step: author code re-sending a message does not know about it.
   */
  step(step: StepData): void {
    this.flush(step.id);
    this.#lastToken.delete(step.id);
    const kept = this.steps.keepFeedback(step);
    const seq = this.emit({ type: "step", step: kept });
    this.steps.put(kept, seq);
  }

  /**
   * A step as it is now, its pending tokens sent first: what code that rewrites a step must
   * start from, or the rewrite would drop those tokens.
   */
  current(id: string): StepData | undefined {
    this.flush(id);
    return this.steps.get(id);
  }

  /** Records feedback on a step as a small event; the step itself is not re-sent. */
  feedback(id: string, feedback: FeedbackData): void {
    this.emit({ type: "feedback", id, ...feedback });
    this.steps.setFeedback(id, feedback);
  }

  /** Removes a step; pending tokens of that step are sent first, so every seq stays in order. */
  remove(id: string): void {
    this.flush(id);
    this.#lastToken.delete(id);
    this.emit({ type: "remove", id });
    this.steps.delete(id);
  }

  /** Streams text for a step; `replace` swaps the whole text (isSequence). */
  token(stepId: string, text: string, replace = false): void {
    const now = Date.now();
    const last = this.#lastToken.get(stepId);
    this.#lastToken.set(stepId, now);
    const pending = this.#pending.get(stepId);
    if (replace || !pending) this.#pending.set(stepId, { text, replace, tokens: 1 });
    else {
      pending.text += text;
      pending.tokens++;
    }
    if (replace && pending) this.#queued -= pending.tokens;
    this.#queued++;
    if (last === undefined || now - last >= this.#window) {
      // The first token of a step, or one after a quiet gap: nothing is coming to wait for.
      this.#window = FLUSH_WINDOW_MS;
      this.#sendAll(now);
    } else if (now - this.#sentAt >= this.#window || this.#queued >= MAX_BURST_TOKENS) {
      // The window is over but a busy loop kept its timer from running, or the clock stands
      // still through a long read: send inline.
      this.#endWindow(now);
    } else if (this.#timer === null) {
      // A timer only lives while a hook is streaming, so it never holds off hibernation.
      this.#timer = setTimeout(
        () => this.#endWindow(Date.now()),
        this.#sentAt + this.#window - now,
      );
    }
  }

  /** Sends queued tokens now: of one step, or of all (the end of a hook: bursts are over). */
  flush(stepId?: string): void {
    if (stepId !== undefined) {
      const pending = this.#pending.get(stepId);
      if (!pending) return;
      this.#pending.delete(stepId);
      this.#queued -= pending.tokens;
      this.#sendDelta(stepId, pending);
      if (this.#pending.size === 0) this.#clearTimer();
      return;
    }
    this.#sendAll(Date.now());
    this.#lastToken.clear();
    this.#window = FLUSH_WINDOW_MS;
  }

  /** Closes a burst's window; a crowded one doubles the next, a sparse one resets it. */
  #endWindow(now: number): void {
    this.#window =
      this.#queued * DENSE_MS_PER_TOKEN >= this.#window
        ? Math.min(this.#window * 2, MAX_WINDOW_MS)
        : FLUSH_WINDOW_MS;
    this.#sendAll(now);
  }

  #sendAll(now: number): void {
    this.#clearTimer();
    if (this.#pending.size === 0) return;
    const all = [...this.#pending];
    this.#pending.clear();
    this.#queued = 0;
    this.#sentAt = now;
    for (const [id, pending] of all) this.#sendDelta(id, pending);
  }

  #sendDelta(id: string, pending: Pending): void {
    this.emit(
      pending.replace
        ? { type: "delta", id, text: pending.text, replace: true }
        : { type: "delta", id, text: pending.text },
      id,
    );
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #broadcast(frame: string): void {
    const sockets = readySockets(this.ctx);
    for (const ws of sockets) {
      try {
        ws.send(frame);
      } catch {
        // A socket closing under us; its close handler cleans up.
      }
    }
  }
}
