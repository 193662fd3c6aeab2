/**
 * The one place a model call becomes an `llm` step, shared by every `instrument*` integration:
 * the step opens before the request leaves (input and model shown while it runs) and closes
 * exactly once with the output, latency and token usage in one provider-neutral shape. A close
 * after a stop is dropped quietly, because the session has already closed the step.
 */
import { type TokenUsage, toUsage } from "../../protocol/usage.js";

export type { TokenUsage };
export { toUsage };

import { Step } from "./step.js";

/** Token counts of one model call, whatever the provider called them. */
function show(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value ?? [], null, 2) ?? "";
  } catch {
    return String(value);
  }
}

const instrumented = new WeakSet<object>();

/** True the first time for `target`: instrumenting a client twice must not double its steps. */
export function firstInstrumentation(target: object): boolean {
  if (instrumented.has(target)) return false;
  instrumented.add(target);
  return true;
}

/** How a tool call the model asked for reads in an `llm` step's output. */
export function toolCallText(name: string, args: unknown): string {
  return `\n${name}(${typeof args === "string" ? args : show(args)})`;
}

/** One model call shown as an `llm` step, from request to last token. */
export class LlmCall {
  readonly step: Step;
  readonly #started = Date.now();
  readonly #opened: Promise<unknown>;
  #closed = false;

  /** Opens the step now: `input` is what the model is sent (messages, prompt). */
  constructor(provider: string, model: string | undefined, input: unknown) {
    this.step = new Step({
      name: model ?? provider,
      type: "llm",
      showInput: "json",
      metadata: { provider, ...(model ? { model } : {}) },
    });
    this.step.input = show(input);
    // Caught here so a refused step (task stopped) never becomes an unhandled rejection.
    this.#opened = this.step.send().catch(() => undefined);
  }

  /** Closes the step once: with the output and usage, or with the error's message. */
  async end(output: string, usage?: TokenUsage, error?: unknown): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#opened;
    const step = this.step;
    step.isError = error !== undefined;
    step.output = step.isError ? (error instanceof Error ? error.message : String(error)) : output;
    step.metadata = { ...step.metadata, latencyMs: Date.now() - this.#started };
    if (usage) step.metadata.usage = usage;
    step.endedAt = Date.now();
    // After a stop the step is closed by the session; nothing more may be emitted.
    await step.update().catch(() => undefined);
  }

  /**
   * Makes `stream` (the provider's own object, left in place with its other methods) report
   * each item to `onItem` as the author iterates it, and close the step when iteration ends.
   * `onItem` returns the text to append and the usage so far (the last one reported wins).
   */
  observe<S extends AsyncIterable<unknown>>(
    stream: S,
    onItem: (item: unknown) => { text?: string; usage?: TokenUsage },
  ): S {
    const iterate = stream[Symbol.asyncIterator].bind(stream);
    const call = this;
    Object.defineProperty(stream, Symbol.asyncIterator, {
      configurable: true,
      value: async function* () {
        let output = "";
        let usage: TokenUsage | undefined;
        let failure: unknown;
        try {
          for await (const item of { [Symbol.asyncIterator]: iterate }) {
            const seen = onItem(item);
            output += seen.text ?? "";
            if (seen.usage) usage = seen.usage;
            yield item;
          }
        } catch (err) {
          failure = err;
          throw err;
        } finally {
          await call.end(output, usage, failure);
        }
      },
    });
    return stream;
  }
}

/**
 * Watches the provider's own promise (an `APIPromise` keeps `.withResponse()` and the like)
 * without changing what the author gets. Registered on it directly and first, so `onValue` sees
 * a stream before the author can iterate it; a rejection closes the step as an error.
 */
export function track<R extends PromiseLike<unknown>>(
  call: LlmCall,
  request: () => R,
  onValue: (value: Awaited<R>) => unknown,
): R {
  const fail = (err: unknown) => call.end("", undefined, err);
  let result: R;
  try {
    result = request();
  } catch (err) {
    // A client that refuses the request before sending it still closes the step.
    void fail(err);
    throw err;
  }
  Promise.resolve(result.then((value) => onValue(value as Awaited<R>), fail)).catch(fail);
  return result;
}
