/**
 * `edgelit/openai-agents`: shows an OpenAI Agents SDK streamed run in the chat. Each agent's turn
 * is a `run` step named after the agent, its tool calls and handoffs `tool` steps inside it, its
 * guardrails steps too; the text an agent writes streams into a message with the agent as its
 * author. Only types come from `@openai/agents` (the run is read through its stream events), so
 * this subpath costs nothing unless imported.
 */
import type {
  InputGuardrailResult,
  OutputGuardrailResult,
  RunItem,
  RunStreamEvent,
} from "@openai/agents";
import { context, Message, Step } from "../durable-objects/sdk/index.js";
import { errorText, RunSteps, show, usageOf } from "./run-steps.js";

/** What `sendRun` reads of a `run(agent, input, { stream: true })` result. */
export interface StreamedRunLike {
  [Symbol.asyncIterator](): AsyncIterator<RunStreamEvent>;
  readonly completed: Promise<void>;
  readonly inputGuardrailResults: InputGuardrailResult[];
  readonly outputGuardrailResults: OutputGuardrailResult[];
  /** The agent whose turn it is (the starting agent until a handoff). */
  readonly currentAgent?: { name: string } | undefined;
}

/** Options of `sendRun`. */
export interface SendRunOptions {
  /** Stops reading when aborted. @default cl.context.signal (the user's stop) */
  signal?: AbortSignal;
  /**
   * Whether a tool's result is the text the SDK gives the model when the tool threw (its
   * `errorFunction`); such a tool step is shown as an error.
   * @default the SDK's default error text ("An error occurred while running the tool…")
   */
  isToolError?: (output: unknown) => boolean;
}

/** What `sendRun` returns: the messages the agents wrote, and who spoke last. */
export interface SentRun {
  messages: Message[];
  /** The agent whose turn it was when the run ended (the one to continue with). */
  lastAgent?: string;
  /** True when the user's stop (or `signal`) ended the reading. */
  stopped: boolean;
}

const SDK_TOOL_ERROR = "An error occurred while running the tool";

const ABORTED = Symbol("aborted");

function untilAbort<T>(next: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener("abort", onAbort, { once: true });
    next.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function callIdOf(item: RunItem): string | undefined {
  const raw: unknown = item.rawItem;
  if (typeof raw !== "object" || raw === null || !("callId" in raw)) return undefined;
  return typeof raw.callId === "string" ? raw.callId : undefined;
}

/** Reads one streamed run into steps and messages. */
class RunView {
  readonly runs = new RunSteps();
  readonly messages: Message[] = [];
  agent?: { name: string; runId: string };
  firstAgentRunId?: string;
  #message?: Message;
  #turns = 0;

  constructor(private readonly isToolError: (output: unknown) => boolean) {}

  /**
   * The stream announces only agents handed to, so the first agent's step opens with its first
   * event; a run item made by another agent (the first event came late) renames that step.
   */
  async ensureAgent(current: string | undefined, maker: string | undefined): Promise<void> {
    if (!this.agent) return this.startAgent(maker ?? current ?? "Agent");
    const name = maker;
    if (this.#turns !== 1 || !name || this.agent.name === name) return;
    const step = this.runs.stepOf(this.agent.runId);
    this.agent.name = name;
    if (step) {
      step.name = name;
      step.metadata.agent = name;
      await step.update().catch(() => undefined);
    }
  }

  async startAgent(name: string): Promise<void> {
    await this.endAgent();
    const runId = `agent:${++this.#turns}`;
    this.firstAgentRunId ??= runId;
    this.runs.open(runId, undefined, { name, type: "run", metadata: { agent: name } });
    this.agent = { name, runId };
  }

  async endAgent(error?: unknown): Promise<void> {
    await this.endMessage();
    if (this.agent) await this.runs.end(this.agent.runId, error ? { error } : {});
  }

  async text(delta: string): Promise<void> {
    if (!delta) return;
    this.#message ??= new Message({ content: "", author: this.agent?.name ?? "Assistant" });
    await this.#message.streamToken(delta);
  }

  async endMessage(): Promise<void> {
    const message = this.#message;
    this.#message = undefined;
    if (!message) return;
    await message.send();
    this.messages.push(message);
  }

  async usage(raw: unknown): Promise<void> {
    const usage = usageOf(raw);
    const step = this.runs.stepOf(this.agent?.runId);
    if (!usage || !step) return;
    const before = usageOf(step.metadata.usage);
    step.metadata.usage = before
      ? {
          inputTokens: before.inputTokens + usage.inputTokens,
          outputTokens: before.outputTokens + usage.outputTokens,
          totalTokens: before.totalTokens + usage.totalTokens,
        }
      : usage;
  }

  async item(name: string, item: RunItem): Promise<void> {
    const callId = callIdOf(item) ?? `${name}:${Math.random()}`;
    if (item.type === "tool_call_item" && "name" in item.rawItem) {
      const input = "arguments" in item.rawItem ? item.rawItem.arguments : undefined;
      this.#toolStep(callId, item.rawItem.name, input);
    } else if (item.type === "tool_call_output_item") {
      const failed = this.isToolError(item.output);
      await this.runs.end(
        `tool:${callId}`,
        failed ? { error: item.output } : { output: item.output },
      );
    } else if (item.type === "handoff_call_item") {
      this.#toolStep(callId, item.rawItem.name, item.rawItem.arguments);
    } else if (item.type === "handoff_output_item") {
      await this.runs.end(`tool:${callId}`, {
        output: `${item.sourceAgent.name} handed off to ${item.targetAgent.name}`,
        metadata: { handoff: { from: item.sourceAgent.name, to: item.targetAgent.name } },
      });
    }
  }

  #toolStep(callId: string, name: string, input: unknown): void {
    this.runs.open(`tool:${callId}`, this.agent?.runId, {
      name,
      type: "tool",
      showInput: "json",
      input: typeof input === "string" && input.startsWith("{") ? safeJson(input) : input,
    });
  }

  /** Guardrail results as steps: inside the first agent's step (input) or the last's (output). */
  async guardrails(input: InputGuardrailResult[], output: OutputGuardrailResult[]): Promise<void> {
    const shown: [InputGuardrailResult | OutputGuardrailResult, string | undefined][] = [
      ...input.map((r) => [r, this.firstAgentRunId] as [InputGuardrailResult, string | undefined]),
      ...output.map((r) => [r, this.agent?.runId] as [OutputGuardrailResult, string | undefined]),
    ];
    for (const [result, parentRunId] of shown) {
      const parent = this.runs.stepOf(parentRunId);
      const tripped = result.output.tripwireTriggered;
      const step = new Step({
        name: result.guardrail.name,
        type: "run",
        ...(parent ? { parentId: parent.id } : {}),
        metadata: { guardrail: result.guardrail.type, tripwireTriggered: tripped },
      });
      step.output = show(result.output.outputInfo) || (tripped ? "tripped" : "passed");
      step.isError = tripped;
      step.endedAt = Date.now();
      await step.send().catch(() => undefined);
    }
  }
}

/** The agent that made a run item (a handoff's output names its source instead). */
function makerOf(event: RunStreamEvent): string | undefined {
  if (event.type !== "run_item_stream_event") return undefined;
  const item = event.item;
  if (item.type === "handoff_output_item") return item.sourceAgent.name;
  return "agent" in item ? item.agent.name : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function guardrailResults(error: unknown): InputGuardrailResult | undefined {
  if (typeof error !== "object" || error === null || !("result" in error)) return undefined;
  const result = error.result;
  if (typeof result !== "object" || result === null || !("guardrail" in result)) return undefined;
  return "output" in result ? (result as InputGuardrailResult) : undefined;
}

/**
 * Shows a streamed Agents SDK run (`run(agent, input, { stream: true })`): agent turns, tool
 * calls, handoffs and guardrails as steps, each agent's text streamed into its own message.
 * Resolves when the run ends or the user stops it (pass `signal: cl.context.signal` to `run`
 * too, so the model requests stop); a run that fails is shown and its error thrown.
 * @example
 * import { run } from "@openai/agents";
 * import { sendRun } from "edgelit/openai-agents";
 * cl.onMessage(async (m) => {
 *   await sendRun(await run(triage, m.content, { stream: true, signal: cl.context.signal }));
 * });
 */
export async function sendRun(
  result: StreamedRunLike,
  options: SendRunOptions = {},
): Promise<SentRun> {
  const signal = options.signal ?? context.signal;
  const view = new RunView(
    options.isToolError ??
      ((output) => typeof output === "string" && output.startsWith(SDK_TOOL_ERROR)),
  );
  const iterator = result[Symbol.asyncIterator]();
  let failure: unknown;
  try {
    for (;;) {
      const next = await untilAbort(iterator.next(), signal);
      if (next === ABORTED) {
        void iterator.return?.().catch(() => undefined);
        return { messages: view.messages, lastAgent: view.agent?.name, stopped: true };
      }
      if (next.done) break;
      const event = next.value;
      if (event.type !== "agent_updated_stream_event") {
        await view.ensureAgent(result.currentAgent?.name, makerOf(event));
      }
      if (event.type === "agent_updated_stream_event") {
        await view.startAgent(event.agent.name);
      } else if (event.type === "raw_model_stream_event") {
        const data = event.data;
        if (data.type === "output_text_delta") await view.text(data.delta);
        else if (data.type === "response_done") await view.usage(data.response.usage);
      } else if (event.type === "run_item_stream_event") {
        if (event.name === "message_output_created") await view.endMessage();
        else await view.item(event.name, event.item);
      }
    }
    await result.completed;
  } catch (err) {
    failure = err;
  }
  const tripped = guardrailResults(failure);
  // A guardrail that trips before the model answers leaves no event: its agent is shown here.
  if (!view.agent && tripped) await view.startAgent(result.currentAgent?.name ?? "Agent");
  await view.guardrails(
    tripped ? [tripped] : result.inputGuardrailResults,
    result.outputGuardrailResults,
  );
  // A guardrail's tripwire is shown by its own step; the agent's turn just ended there.
  await view.endAgent(tripped ? undefined : failure);
  await view.runs.endAll(failure === undefined ? undefined : errorText(failure));
  if (failure !== undefined) throw failure;
  return { messages: view.messages, lastAgent: view.agent?.name, stopped: false };
}
