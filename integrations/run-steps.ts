/**
 * The shared core of the framework integrations (LangChain, LlamaIndex, OpenAI Agents): a
 * framework's runs, each known by an id and its parent's id, become nested `cl.Step`s. A run
 * opens its step at once (its id is known before it is sent, so children can point at it), and
 * closes exactly once; a close or token after the user's stop is dropped quietly, because the
 * session has already closed the step. Only the public author API is used.
 */
import { Step, type StepKind, type StepOptions, Text } from "../durable-objects/sdk/index.js";
import { toUsage } from "../protocol/usage.js";

/** Any value as step text: strings as they are, anything else as indented JSON. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, null, 2) ?? "";
  } catch {
    return String(value);
  }
}

/** An error's message (what an error step shows). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : show(error) || "error";
}

/** Token counts from any of the usage shapes the frameworks report; undefined when none. */
export const usageOf = toUsage;

/** One retrieved source: its text, and optionally where it came from. */
export interface Source {
  content: string;
  /** Shown after the source's name in the step's output (a file name, a URL…). */
  label?: string;
}

/** What a run's step is opened with. */
export interface OpenRun extends StepOptions {
  type: StepKind;
  input?: unknown;
}

/** How a run's step ends. */
export interface EndRun {
  output?: unknown;
  error?: unknown;
  metadata?: Record<string, unknown>;
}

interface Run {
  step: Step;
  started: number;
  opened: Promise<unknown>;
  closed: boolean;
}

/** The runs of one framework invocation (or of many: ids are the framework's own). */
export class RunSteps {
  readonly #runs = new Map<string, Run>();
  /** Runs not shown (ignored names): their children attach to the nearest shown ancestor. */
  readonly #hidden = new Map<string, string | undefined>();

  /** The step of the nearest shown run at or above `runId`, if any. */
  stepOf(runId: string | undefined): Step | undefined {
    let id = runId;
    for (let hops = 0; id !== undefined && hops < 1000; hops++) {
      const run = this.#runs.get(id);
      if (run) return run.step;
      id = this.#hidden.get(id);
    }
    return undefined;
  }

  /** True when `runId` is a run seen here (shown or not). */
  knows(runId: string): boolean {
    return this.#runs.has(runId) || this.#hidden.has(runId);
  }

  /** Records a run that is not shown, so its children nest under its own parent. */
  hide(runId: string, parentRunId: string | undefined): void {
    this.#hidden.set(runId, parentRunId);
  }

  /** Opens a run's step under its parent run's step (or where the author's code is). */
  open(runId: string, parentRunId: string | undefined, options: OpenRun): Step {
    const { input, ...stepOptions } = options;
    const parent = this.stepOf(parentRunId);
    const step = new Step({
      ...stepOptions,
      ...(parent ? { parentId: parent.id } : {}),
    });
    if (input !== undefined) step.input = show(input);
    // Caught here: a step refused after a stop must not become an unhandled rejection.
    const opened = step.send().catch(() => undefined);
    this.#runs.set(runId, { step, started: Date.now(), opened, closed: false });
    return step;
  }

  /** True while the run's step is open. */
  isOpen(runId: string): boolean {
    const run = this.#runs.get(runId);
    return run !== undefined && !run.closed;
  }

  /** Appends a streamed token to the run's output. */
  async token(runId: string, token: string): Promise<void> {
    const run = this.#runs.get(runId);
    if (!run || run.closed || !token) return;
    await run.opened;
    await run.step.streamToken(token).catch(() => undefined);
  }

  /** Closes the run's step once: with its output, or as an error showing the error's message. */
  async end(runId: string, end: EndRun = {}): Promise<Step | undefined> {
    const run = this.#runs.get(runId);
    if (!run || run.closed) return run?.step;
    run.closed = true;
    await run.opened;
    const step = run.step;
    step.isError = end.error !== undefined;
    if (step.isError) step.output = errorText(end.error);
    else if (end.output !== undefined) step.output = show(end.output);
    step.metadata = { ...step.metadata, ...end.metadata, latencyMs: Date.now() - run.started };
    step.endedAt = Date.now();
    await step.update().catch(() => undefined);
    return step;
  }

  /**
   * Ends a retrieval run: each source becomes a Text element "Source N" on its step (opened
   * from the step's output, where its name is a link), and the output lists them.
   */
  async endWithSources(runId: string, sources: Source[]): Promise<void> {
    const run = this.#runs.get(runId);
    if (!run || run.closed) return;
    await run.opened;
    const names: string[] = [];
    for (const [i, source] of sources.entries()) {
      const name = `Source ${i + 1}`;
      names.push(source.label ? `${name} (${source.label})` : name);
      await new Text({ name, content: source.content, display: "side" })
        .send(run.step.id)
        .catch(() => undefined);
    }
    const output = names.length ? `Retrieved ${names.join(", ")}` : "Retrieved nothing";
    await this.end(runId, { output, metadata: { sources: sources.length } });
  }

  /** Closes every step still open (a run the framework never ended), as stopped. */
  async endAll(error?: unknown): Promise<void> {
    for (const [id, run] of this.#runs) {
      if (!run.closed) await this.end(id, error === undefined ? {} : { error });
    }
  }
}
