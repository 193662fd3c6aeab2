/**
 * `edgelit/langchain`: a LangChain.js callback handler that shows a run as nested steps. Chains
 * are `run` steps, LLM and chat-model calls `llm` steps (input, output, model, latency, usage;
 * streamed tokens stream into the step), tools `tool` steps, retrievers `retrieval` steps whose
 * documents become Text elements "Source N". Nesting follows LangChain's runId/parentRunId; the
 * handler is awaited inline, so every step is made in the author's hook (its session scope).
 */
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { DocumentInterface } from "@langchain/core/documents";
import type { Serialized } from "@langchain/core/load/serializable";
import type { BaseMessage } from "@langchain/core/messages";
import type { LLMResult } from "@langchain/core/outputs";
import type { ChainValues } from "@langchain/core/utils/types";
import { RunSteps, type Source, show, usageOf } from "./run-steps.js";

/** Options of {@link LangChainCallbackHandler}. */
export interface LangChainCallbackHandlerOptions {
  /**
   * Run names not shown as steps (their children nest under their parent instead): the glue
   * runnables LangChain makes for every pipe.
   * @default ["RunnableSequence", "RunnableParallel", "RunnableMap", "RunnableAssign", "RunnableLambda", "RunnablePassthrough", "<lambda>"]
   */
  ignore?: string[];
}

const DEFAULT_IGNORE = [
  "RunnableSequence",
  "RunnableParallel",
  "RunnableMap",
  "RunnableAssign",
  "RunnableLambda",
  "RunnablePassthrough",
  "<lambda>",
];

const ROLES: Record<string, string> = { human: "user", ai: "assistant", generic: "user" };

/** A LangChain message as `{ role, content, tool_calls? }`, the form people read prompts in. */
function plainMessage(message: BaseMessage): Record<string, unknown> {
  const type = message.type;
  const out: Record<string, unknown> = { role: ROLES[type] ?? type, content: message.content };
  const calls = "tool_calls" in message ? message.tool_calls : undefined;
  if (Array.isArray(calls) && calls.length) out.tool_calls = calls;
  return out;
}

function runName(serialized: Serialized | undefined, name: string | undefined): string {
  return name || serialized?.name || serialized?.id?.at(-1) || "Run";
}

function modelOf(
  extra: Record<string, unknown> | undefined,
  metadata: Record<string, unknown> | undefined,
): string | undefined {
  const params = extra?.invocation_params;
  const model =
    (typeof params === "object" && params !== null && "model" in params
      ? params.model
      : undefined) ?? metadata?.ls_model_name;
  return typeof model === "string" ? model : undefined;
}

/** The text of a model's result, with any tool calls it asked for as `name(args)` lines. */
function resultText(output: LLMResult): string {
  const parts: string[] = [];
  for (const generation of output.generations.flat()) {
    if (generation.text) parts.push(generation.text);
    const message = "message" in generation ? generation.message : undefined;
    const calls =
      typeof message === "object" && message !== null && "tool_calls" in message
        ? message.tool_calls
        : undefined;
    if (Array.isArray(calls)) {
      for (const call of calls) parts.push(`${call.name}(${JSON.stringify(call.args)})`);
    }
  }
  return parts.join("\n");
}

function resultUsage(output: LLMResult) {
  for (const generation of output.generations.flat()) {
    const message = "message" in generation ? generation.message : undefined;
    if (typeof message === "object" && message !== null && "usage_metadata" in message) {
      const usage = usageOf(message.usage_metadata);
      if (usage) return usage;
    }
  }
  return usageOf(output.llmOutput?.tokenUsage ?? output.llmOutput?.estimatedTokenUsage);
}

function documentSources(documents: DocumentInterface[]): Source[] {
  return documents.map((doc) => {
    const source = doc.metadata?.source;
    return typeof source === "string" && source
      ? { content: doc.pageContent, label: source }
      : { content: doc.pageContent };
  });
}

/** A tool's result as text: a ToolMessage's content, or the value itself. */
function toolOutput(output: unknown): unknown {
  if (typeof output === "object" && output !== null && "content" in output) {
    return output.content;
  }
  return output;
}

/**
 * Shows LangChain.js runs as nested Edgelit steps. Pass it in `callbacks` of any runnable call
 * made inside a hook.
 * @example
 * import { LangChainCallbackHandler } from "edgelit/langchain";
 * cl.onMessage(async (m) => {
 *   const msg = new cl.Message("");
 *   for await (const chunk of await chain.stream(m.content, { callbacks: [new LangChainCallbackHandler()] }))
 *     await msg.streamToken(chunk);
 *   await msg.send();
 * });
 */
export class LangChainCallbackHandler extends BaseCallbackHandler {
  name = "edgelit";
  readonly #runs = new RunSteps();
  readonly #ignore: ReadonlySet<string>;

  constructor(options: LangChainCallbackHandlerOptions = {}) {
    // Awaited inline: a step made from LangChain's background queue would lose the hook's scope.
    super({ _awaitHandler: true });
    this.awaitHandlers = true;
    this.#ignore = new Set(options.ignore ?? DEFAULT_IGNORE);
  }

  /**
   * LangChain's callback manager passes `parentRunId` 4th and `runName` 8th, while its declared
   * signature has `runType` 4th, `runName` 7th and `parentRunId` 8th; both orders are read.
   */
  override async handleChainStart(
    chain: Serialized,
    inputs: ChainValues,
    runId: string,
    fourth?: string,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    seventh?: string,
    eighth?: string,
  ): Promise<void> {
    const declaredOrder = eighth !== undefined && this.#runs.knows(eighth);
    const parentRunId = declaredOrder ? eighth : fourth;
    const name = declaredOrder ? seventh : eighth;
    const shown = runName(chain, name);
    if (this.#ignore.has(shown)) return this.#runs.hide(runId, parentRunId);
    this.#runs.open(runId, parentRunId, { name: shown, type: "run", input: inputs });
  }

  override async handleChainEnd(outputs: ChainValues, runId: string): Promise<void> {
    await this.#runs.end(runId, { output: outputs });
  }

  override async handleChainError(err: unknown, runId: string): Promise<void> {
    await this.#runs.end(runId, { error: err });
  }

  override async handleLLMStart(
    llm: Serialized,
    prompts: string[],
    runId: string,
    parentRunId?: string,
    extra?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    name?: string,
  ): Promise<void> {
    this.#openModel(llm, prompts.length === 1 ? prompts[0] : prompts, runId, parentRunId, {
      extra,
      metadata,
      name,
    });
  }

  override async handleChatModelStart(
    llm: Serialized,
    messages: BaseMessage[][],
    runId: string,
    parentRunId?: string,
    extra?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    name?: string,
  ): Promise<void> {
    const input = messages.length === 1 ? (messages[0] ?? []).map(plainMessage) : messages;
    this.#openModel(llm, input, runId, parentRunId, { extra, metadata, name });
  }

  #openModel(
    llm: Serialized,
    input: unknown,
    runId: string,
    parentRunId: string | undefined,
    seen: {
      extra?: Record<string, unknown>;
      metadata?: Record<string, unknown>;
      name?: string;
    },
  ): void {
    const model = modelOf(seen.extra, seen.metadata);
    const provider = seen.metadata?.ls_provider;
    this.#runs.open(runId, parentRunId, {
      name: model ?? runName(llm, seen.name),
      type: "llm",
      showInput: "json",
      input,
      metadata: {
        provider: typeof provider === "string" ? provider : "langchain",
        ...(model ? { model } : {}),
      },
    });
  }

  override async handleLLMNewToken(token: string, _idx: unknown, runId: string): Promise<void> {
    await this.#runs.token(runId, token);
  }

  override async handleLLMEnd(output: LLMResult, runId: string): Promise<void> {
    const usage = resultUsage(output);
    await this.#runs.end(runId, { output: resultText(output), metadata: usage ? { usage } : {} });
  }

  override async handleLLMError(err: unknown, runId: string): Promise<void> {
    await this.#runs.end(runId, { error: err });
  }

  override async handleToolStart(
    tool: Serialized,
    input: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    name?: string,
  ): Promise<void> {
    this.#runs.open(runId, parentRunId, {
      name: runName(tool, name),
      type: "tool",
      showInput: "json",
      input,
    });
  }

  override async handleToolEnd(output: unknown, runId: string): Promise<void> {
    await this.#runs.end(runId, { output: show(toolOutput(output)) });
  }

  override async handleToolError(err: unknown, runId: string): Promise<void> {
    await this.#runs.end(runId, { error: err });
  }

  override async handleRetrieverStart(
    retriever: Serialized,
    query: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    name?: string,
  ): Promise<void> {
    this.#runs.open(runId, parentRunId, {
      name: runName(retriever, name),
      type: "retrieval",
      input: query,
    });
  }

  override async handleRetrieverEnd(documents: DocumentInterface[], runId: string): Promise<void> {
    await this.#runs.endWithSources(runId, documentSources(documents));
  }

  override async handleRetrieverError(err: unknown, runId: string): Promise<void> {
    await this.#runs.end(runId, { error: err });
  }
}
