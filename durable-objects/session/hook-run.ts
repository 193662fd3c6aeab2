/**
 * A hook run is one run of author code that the user can stop: onMessage, an action callback,
 * onChatStart (the README's glossary calls it a task; it is not a `cl.Task`, a task-list item).
 * Stopping aborts its signal (passed to upstream requests), marks it cancelled so any further
 * output throws, and releases whoever awaits it without waiting for the hook, so a hook that
 * never resolves cannot block stop.
 */
export class HookRun {
  readonly id = crypto.randomUUID();
  readonly controller = new AbortController();
  /** Steps and streams this run opened and has not closed. */
  readonly open = new Set<string>();
  cancelled = false;
  readonly #stopped: Promise<void>;
  #release!: () => void;

  constructor(readonly name: string) {
    this.#stopped = new Promise((resolve) => {
      this.#release = resolve;
    });
  }

  /** Resolves when the run is cancelled. */
  get stopped(): Promise<void> {
    return this.#stopped;
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.controller.abort(new DOMException("Task manually stopped.", "AbortError"));
    this.#release();
  }
}
