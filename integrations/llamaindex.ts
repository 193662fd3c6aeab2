/**
 * `edgelit/llamaindex`: LlamaIndex.TS work done inside `withLlamaIndexSteps(fn)` shows as nested
 * steps: a query is a `run` step holding its retrieval (source nodes as Text elements "Source
 * N"), its synthesis and the LLM calls (`llm` steps: input, output, model, usage, streamed
 * tokens), tool calls as `tool` steps. LlamaIndex's events carry no parent id, so a step nests
 * under the innermost step still open; its callback manager is scoped to `fn` (LlamaIndex's own
 * AsyncLocalStorage), so sessions sharing an isolate never see each other's events.
 */
import { CallbackManager, type LlamaIndexEventMaps, Settings } from "@llamaindex/core/global";
import type { NodeWithScore } from "@llamaindex/core/schema";
import type { StepKind } from "../durable-objects/sdk/index.js";
import { RunSteps, type Source, show, usageOf } from "./run-steps.js";

type Detail<K extends keyof LlamaIndexEventMaps> = LlamaIndexEventMaps[K];

/** The text of a query, a query bundle or a message content. */
function queryText(query: unknown): string {
  if (typeof query === "string") return query;
  if (typeof query === "object" && query !== null && "query" in query) {
    return queryText(query.query);
  }
  if (Array.isArray(query)) {
    return query.map((part) => (typeof part === "object" && part?.text) || "").join("");
  }
  return show(query);
}

function nodeSources(nodes: NodeWithScore[]): Source[] {
  return nodes.map(({ node, score }) => {
    const content = "text" in node && typeof node.text === "string" ? node.text : show(node);
    const file = node.metadata?.file_name ?? node.metadata?.source;
    const label = [
      typeof file === "string" ? file : undefined,
      typeof score === "number" ? `score ${score.toFixed(2)}` : undefined,
    ]
      .filter(Boolean)
      .join(", ");
    return label ? { content, label } : { content };
  });
}

/** The response text of a non-streamed engine response (a streamed one was shown as it came). */
function responseText(response: unknown): string | undefined {
  if (typeof response !== "object" || response === null) return undefined;
  if (Symbol.asyncIterator in response) return undefined;
  if ("response" in response && typeof response.response === "string") return response.response;
  return undefined;
}

/** Turns one scope's LlamaIndex events into steps, in the order they came. */
class EventSteps {
  readonly runs = new RunSteps();
  /** Open runs, innermost last: LlamaIndex events name no parent. */
  readonly #open: string[] = [];
  #work: Promise<unknown> = Promise.resolve();
  #tools = 0;

  /** Queues `fn` after the previous event's work (handlers are called synchronously). */
  later(fn: () => unknown): void {
    this.#work = this.#work.then(fn).catch(() => undefined);
  }

  drain(): Promise<unknown> {
    return this.#work;
  }

  open(runId: string, type: StepKind, name: string, input: unknown, extra = {}): void {
    this.runs.open(runId, this.#open.at(-1), { name, type, input, ...extra });
    this.#open.push(runId);
  }

  async close(runId: string, end: Parameters<RunSteps["end"]>[1] = {}): Promise<void> {
    const at = this.#open.lastIndexOf(runId);
    if (at >= 0) this.#open.splice(at, 1);
    await this.runs.end(runId, end);
  }

  async closeWithSources(runId: string, sources: Source[]): Promise<void> {
    const at = this.#open.lastIndexOf(runId);
    if (at >= 0) this.#open.splice(at, 1);
    await this.runs.endWithSources(runId, sources);
  }

  tool(name: string, input: unknown): string {
    const runId = `tool:${++this.#tools}`;
    this.runs.open(runId, this.#open.at(-1), { name, type: "tool", showInput: "json", input });
    return runId;
  }

  handlers(manager: CallbackManager): void {
    const model = () => {
      const metadata = Settings.llm?.metadata;
      return typeof metadata?.model === "string" ? metadata.model : undefined;
    };
    const tools = new Map<string, string>();
    manager.on("query-start", ({ detail }: { detail: Detail<"query-start"> }) =>
      this.later(() => this.open(detail.id, "run", "query", queryText(detail.query))),
    );
    manager.on("query-end", ({ detail }: { detail: Detail<"query-end"> }) =>
      this.later(() => this.close(detail.id, { output: responseText(detail.response) })),
    );
    manager.on("retrieve-start", ({ detail }: { detail: Detail<"retrieve-start"> }) =>
      this.later(() => this.open(detail.id, "retrieval", "retrieve", queryText(detail.query))),
    );
    manager.on("retrieve-end", ({ detail }: { detail: Detail<"retrieve-end"> }) =>
      this.later(() => this.closeWithSources(detail.id, nodeSources(detail.nodes))),
    );
    manager.on("synthesize-start", ({ detail }: { detail: Detail<"synthesize-start"> }) =>
      this.later(() => this.open(detail.id, "run", "synthesize", queryText(detail.query.query))),
    );
    manager.on("synthesize-end", ({ detail }: { detail: Detail<"synthesize-end"> }) =>
      this.later(() => this.close(detail.id, { output: responseText(detail.response) })),
    );
    manager.on("llm-start", ({ detail }: { detail: Detail<"llm-start"> }) =>
      this.later(() => {
        const name = model();
        this.open(
          detail.id,
          "llm",
          name ?? "llm",
          detail.messages.map((m) => ({ role: m.role, content: m.content })),
          {
            showInput: "json",
            metadata: { provider: "llamaindex", ...(name ? { model: name } : {}) },
          },
        );
      }),
    );
    manager.on("llm-stream", ({ detail }: { detail: Detail<"llm-stream"> }) =>
      this.later(() => this.runs.token(detail.id, detail.chunk.delta)),
    );
    manager.on("llm-end", ({ detail }: { detail: Detail<"llm-end"> }) =>
      this.later(() => {
        const raw = detail.response.raw;
        const usage = usageOf(
          typeof raw === "object" && raw !== null && "usage" in raw ? raw.usage : undefined,
        );
        return this.close(detail.id, {
          output: queryText(detail.response.message.content),
          metadata: usage ? { usage } : {},
        });
      }),
    );
    manager.on("llm-tool-call", ({ detail }: { detail: Detail<"llm-tool-call"> }) =>
      this.later(() => {
        const call = detail.toolCall;
        tools.set(call.id, this.tool(call.name, call.input));
      }),
    );
    manager.on("llm-tool-result", ({ detail }: { detail: Detail<"llm-tool-result"> }) =>
      this.later(() => {
        const runId = tools.get(detail.toolCall.id);
        if (!runId) return;
        const result = detail.toolResult;
        return this.runs.end(
          runId,
          result.isError ? { error: result.output } : { output: result.output },
        );
      }),
    );
  }
}

/**
 * Runs `fn` with LlamaIndex's events shown as nested steps: queries, retrievals (with their
 * source nodes as "Source N" elements), synthesis, LLM calls and tool calls. Consume a streamed
 * response inside `fn`, so its tokens are shown too. Steps left open when `fn` ends (or throws)
 * are closed, as errors when it threw.
 * @example
 * import { withLlamaIndexSteps } from "edgelit/llamaindex";
 * cl.onMessage(async (m) => {
 *   const answer = new cl.Message("");
 *   await withLlamaIndexSteps(async () => {
 *     const stream = await queryEngine.query({ query: m.content, stream: true });
 *     for await (const chunk of stream) await answer.streamToken(chunk.delta);
 *   });
 *   await answer.send();
 * });
 */
export async function withLlamaIndexSteps<T>(fn: () => Promise<T>): Promise<T> {
  const steps = new EventSteps();
  const manager = new CallbackManager();
  steps.handlers(manager);
  let result: T;
  try {
    result = await Settings.withCallbackManager(manager, fn);
  } catch (err) {
    // Events already dispatched come first; then what is still open ends with the error.
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    await steps.drain();
    await steps.runs.endAll(err);
    throw err;
  }
  await new Promise<void>((resolve) => queueMicrotask(resolve));
  await steps.drain();
  await steps.runs.endAll();
  return result;
}
