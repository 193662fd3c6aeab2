/**
 * The one way a session emits: each event gets the next sequence number, is encoded once,
 * appended to the log, folded into the materialised state and sent to every ready socket.
 * Streamed tokens are coalesced here: a step's tokens wait at most FLUSH_WINDOW_MS and leave
 * as one `delta` frame (one encoding, one log row, one send per socket).
 */
import type { FeedbackData, ServerEvent, StepData } from "../../protocol/frames.js";
import { readySockets } from "./sockets.js";
import type { SessionStore } from "./store.js";

type Unsequenced<T> = T extends unknown ? Omit<T, "seq"> : never;
export type EventBody = Unsequenced<ServerEvent>;

/** How long streamed tokens may wait before they are sent. */
export const FLUSH_WINDOW_MS = 16;

interface Pending {
  text: string;
  replace: boolean;
}

export class Emitter {
  readonly #pending = new Map<string, Pending>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** When the oldest unsent token was queued. */
  #windowStart: number | null = null;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly store: SessionStore,
  ) {}

  /** Logs and broadcasts an event; returns its seq. */
  emit(body: EventBody, stepId: string | null = null): number {
    const seq = this.store.nextSeq();
    const frame = JSON.stringify({ ...body, seq });
    this.store.appendEvent(seq, frame, stepId);
    this.#broadcast(frame);
    return seq;
  }

  /**
   * Creates or replaces a step; pending tokens of that step are sent first. Feedback the user
   * gave stays on the step: author code re-sending a message does not know about it.
   */
  step(step: StepData): void {
    this.flush(step.id);
    const kept = this.store.keepFeedback(step);
    const seq = this.emit({ type: "step", step: kept });
    this.store.putStep(kept, seq);
  }

  /**
   * A step as it is now, its pending tokens sent first: what code that rewrites a step must
   * start from, or the rewrite would drop those tokens.
   */
  current(id: string): StepData | undefined {
    this.flush(id);
    return this.store.step(id);
  }

  /** Records feedback on a step as a small event; the step itself is not re-sent. */
  feedback(id: string, feedback: FeedbackData): void {
    this.emit({ type: "feedback", id, ...feedback });
    this.store.setFeedback(id, feedback);
  }

  remove(id: string): void {
    this.#pending.delete(id);
    this.emit({ type: "remove", id });
    this.store.deleteStep(id);
  }

  /** Queues streamed text for a step; `replace` swaps the whole text (isSequence). */
  token(stepId: string, text: string, replace = false): void {
    const pending = this.#pending.get(stepId);
    if (replace || !pending) this.#pending.set(stepId, { text, replace });
    else pending.text += text;
    const now = Date.now();
    if (this.#windowStart === null) {
      this.#windowStart = now;
      // A timer only lives while a hook is streaming, so it never holds off hibernation.
      this.#timer = setTimeout(() => this.flush(), FLUSH_WINDOW_MS);
    } else if (now - this.#windowStart >= FLUSH_WINDOW_MS) {
      // A fast upstream keeps the event loop busy and can starve the timer: flush inline.
      this.flush();
    }
  }

  /** Sends queued tokens now: of one step, or of all. */
  flush(stepId?: string): void {
    if (stepId !== undefined) {
      const pending = this.#pending.get(stepId);
      if (pending) this.#sendDelta(stepId, pending);
      this.#pending.delete(stepId);
      if (this.#pending.size === 0) this.#clearTimer();
      return;
    }
    this.#clearTimer();
    const all = [...this.#pending];
    this.#pending.clear();
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
    this.#windowStart = null;
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
