/**
 * `cl.Step`, `cl.step` and `cl.withStep`: the assistant's work shown as collapsible steps. A
 * step is open (running) until it is sent with an end time; `withStep` and `step` run their
 * function in a scope whose parent is the step, so what it creates nests under it, and end it
 * whether the function returns or throws.
 */
import { isMessage, type StepData } from "../../protocol/frames.js";
import { currentScope, hookScope, TaskCancelledError } from "../session/context.js";
import { newId } from "./ids.js";
import { Placement } from "./placement.js";
import { registerRevivable } from "./serialize.js";

/**
 * What a step does, shown with its name (`tool`, `llm`, `retrieval`…); `UI.cot = "tool_call"`
 * shows only `tool` steps.
 * @example
 * await cl.withStep({ name: "search", type: "tool" satisfies cl.StepKind }, async () => {});
 */
export type StepKind = "run" | "tool" | "llm" | "embedding" | "retrieval" | "rerank" | "undefined";

/**
 * What a step is made of: its `name`, `type`, how its input shows and whether it starts open.
 * @example
 * const options: cl.StepOptions = { name: "retrieve", type: "retrieval", showInput: "json" };
 */
export interface StepOptions {
  /** @default the function's name (cl.step) or "Step" */
  name?: string;
  /** @default "undefined" */
  type?: StepKind;
  /** false hides the input; true or a language shows it (as code in that language). */
  showInput?: boolean | string;
  language?: string;
  defaultOpen?: boolean;
  icon?: string;
  id?: string;
  parentId?: string | null;
  metadata?: Record<string, unknown>;
}

type StepJSON = StepData;

/**
 * One step of the assistant's reasoning, shown as a collapsible "Using NAME" / "Used NAME".
 * Messages and steps created while it runs become its children.
 * Most code opens one with `cl.withStep` or `cl.step`, which end it; a step made by hand shows
 * "Using NAME" until it is sent with an `endedAt`.
 * @example
 * const step = new cl.Step({ name: "search", type: "tool" });
 * step.input = query;
 * await step.send();
 * step.output = await search(query);
 * step.endedAt = Date.now();
 * await step.update();
 */
export class Step {
  id: string;
  name: string;
  type: StepKind;
  input = "";
  output = "";
  isError = false;
  parentId: string | null | undefined;
  showInput?: boolean | string;
  language?: string;
  defaultOpen?: boolean;
  icon?: string;
  metadata: Record<string, unknown>;
  createdAt = Date.now();
  endedAt?: number;
  /** @internal */
  order = 0;
  readonly #placement = new Placement(this);

  constructor(options: StepOptions = {}) {
    this.id = options.id ?? newId();
    this.name = options.name ?? "Step";
    this.type = options.type ?? "undefined";
    this.parentId = options.parentId;
    this.showInput = options.showInput;
    this.language = options.language;
    this.defaultOpen = options.defaultOpen;
    this.icon = options.icon;
    this.metadata = options.metadata ?? {};
  }

  /** @internal The wire form. */
  toStep(): StepData {
    const data: StepData = {
      id: this.id,
      parentId: this.parentId ?? null,
      type: this.type,
      name: this.name,
      input: this.input,
      output: this.output,
      createdAt: this.createdAt,
      order: this.order,
      running: this.endedAt === undefined,
    };
    if (this.endedAt !== undefined) data.endedAt = this.endedAt;
    if (this.isError) data.isError = true;
    if (this.#placement.streaming) data.streaming = true;
    if (this.showInput !== undefined) data.showInput = this.showInput;
    if (this.language !== undefined) data.language = this.language;
    if (this.defaultOpen !== undefined) data.defaultOpen = this.defaultOpen;
    if (this.icon !== undefined) data.icon = this.icon;
    if (Object.keys(this.metadata).length) data.metadata = this.metadata;
    return data;
  }

  /** Shows the step (or its new state). */
  async send(): Promise<this> {
    // A step stays open (running) until it is sent with an end time.
    this.#placement.send(() => this.toStep(), this.endedAt !== undefined);
    // An llm step that ended with usage adds to the session's token total (once per step).
    if (this.type === "llm" && this.endedAt !== undefined) {
      currentScope().session.countUsage(this.id, this.metadata.usage);
    }
    return this;
  }

  /** Sends the changed step. */
  async update(): Promise<this> {
    return this.send();
  }

  /** Appends to the output (the first call starts a stream); `isSequence` replaces it. */
  async streamToken(token: string, options: { isSequence?: boolean } = {}): Promise<void> {
    this.#placement.stream(() => this.toStep(), token, options.isSequence === true);
    this.output = options.isSequence ? token : this.output + token;
  }

  /** Removes the step from the chat. */
  async remove(): Promise<void> {
    this.#placement.remove();
  }

  toJSON(): StepJSON {
    return this.toStep();
  }

  /** @internal */
  static fromJSON(data: StepJSON): Step {
    const step = new Step({ ...data, type: data.type as StepKind });
    step.input = data.input ?? "";
    step.output = data.output;
    step.isError = data.isError === true;
    step.createdAt = data.createdAt;
    step.endedAt = data.endedAt;
    step.order = data.order;
    return step;
  }
}

// A stored step comes back as the session has it now.
registerRevivable("Step", Step, (data, context) => {
  const stored = data as StepJSON;
  const current = context?.step(stored.id);
  return Step.fromJSON(current && !isMessage(current.type) ? current : stored);
});

function show(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, null, 2) ?? "";
  } catch {
    return String(value);
  }
}

/**
 * Runs `fn` as a step: children created inside nest under it; a throw marks it as an error
 * (its message becomes the output) and propagates.
 * @example
 * await cl.withStep({ name: "search", type: "tool" }, async (step) => {
 *   step.input = query;
 *   step.output = await search(query);
 * });
 */
export async function withStep<T>(
  options: StepOptions,
  fn: (step: Step) => T | Promise<T>,
): Promise<T> {
  const step = new Step(options);
  await step.send();
  const scope = currentScope();
  let result: T;
  try {
    result = await hookScope.run({ ...scope, parentId: step.id }, () => fn(step));
  } catch (err) {
    if (!(err instanceof TaskCancelledError) && !scope.run?.cancelled) {
      step.isError = true;
      step.output = err instanceof Error ? err.message : String(err);
      step.endedAt = Date.now();
      await step.update();
    }
    throw err;
  }
  step.endedAt = Date.now();
  await step.update();
  return result;
}

/**
 * Wraps a function so each call runs as a step: input = the arguments, output = the return
 * value, name = the function's name unless given.
 * @example
 * const search = cl.step({ type: "tool" }, async function search(q: string) { return "..."; });
 * await search("edge");
 */
export function step<A extends unknown[], R>(
  options: StepOptions,
  fn: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R>;
export function step<A extends unknown[], R>(
  fn: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R>;
export function step<A extends unknown[], R>(
  a: StepOptions | ((...args: A) => R | Promise<R>),
  b?: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> {
  const [options, fn] = typeof a === "function" ? [{}, a] : [a, b!];
  const name = options.name ?? (fn.name || "Step");
  return (...args: A) =>
    withStep({ ...options, name }, async (s) => {
      s.input = show(args.length === 1 ? args[0] : args);
      const result = await fn(...args);
      if (!s.output) s.output = show(result);
      return result;
    });
}
