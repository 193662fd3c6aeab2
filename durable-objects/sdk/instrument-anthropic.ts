/**
 * `cl.instrumentAnthropic(client)`: each `messages.create` of an `@anthropic-ai/sdk` client
 * (streamed or not, and so `messages.stream`, which calls it) becomes an `llm` step through
 * llm-step.ts. Only types are taken from the package, so apps without it pay nothing.
 */
import {
  firstInstrumentation,
  LlmCall,
  type TokenUsage,
  toolCallText,
  toUsage,
  track,
} from "./llm-step.js";

interface MessagesBody {
  model?: string;
  system?: unknown;
  messages?: unknown;
  stream?: boolean | null;
}

interface Block {
  type?: string;
  text?: string;
  name?: string;
  input?: unknown;
}

interface StreamEvent {
  type?: string;
  index?: number;
  message?: { usage?: unknown };
  content_block?: Block;
  delta?: { type?: string; text?: string; partial_json?: string };
  usage?: Record<string, unknown>;
}

interface AnthropicLike {
  messages: { create: (body: never, options?: never) => unknown };
}

/** The text of a message's content blocks, tool uses shown as calls. */
function contentText(content: unknown): string {
  if (!Array.isArray(content)) return "";
  return (content as Block[])
    .map((b) =>
      b.type === "tool_use" ? toolCallText(b.name ?? "tool", b.input ?? {}) : (b.text ?? ""),
    )
    .join("");
}

/** Reads a stream's events: input tokens come in message_start, the output count in message_delta. */
function eventReader() {
  let usage: TokenUsage | undefined;
  const toolBlocks = new Set<number>();
  return (item: unknown): { text?: string; usage?: TokenUsage } => {
    const event = item as StreamEvent;
    switch (event.type) {
      case "message_start":
        usage = toUsage(event.message?.usage);
        return { usage };
      case "content_block_start":
        if (event.content_block?.type !== "tool_use")
          return { text: event.content_block?.text ?? "" };
        toolBlocks.add(event.index ?? -1);
        return { text: `\n${event.content_block.name ?? "tool"}(` };
      case "content_block_delta":
        return { text: event.delta?.text ?? event.delta?.partial_json ?? "" };
      case "content_block_stop":
        return { text: toolBlocks.has(event.index ?? -1) ? ")" : "" };
      case "message_delta": {
        // Cumulative counts: output always, input only when the API re-sends it.
        const delta = toUsage({ input_tokens: usage?.inputTokens ?? 0, ...(event.usage ?? {}) });
        if (delta) usage = { ...delta, totalTokens: delta.inputTokens + delta.outputTokens };
        return { usage };
      }
      default:
        return {};
    }
  };
}

/**
 * Makes every `messages.create` (and `messages.stream`) of this Anthropic client an `llm` step:
 * input messages, output text and tool calls, model, latency, token usage. Returns the client.
 * @example
 * const anthropic = cl.instrumentAnthropic(new Anthropic({ apiKey: env.ANTHROPIC_API_KEY }));
 */
export function instrumentAnthropic<T extends AnthropicLike>(client: T): T {
  const messages = client.messages as unknown as {
    create: (body: MessagesBody, options?: unknown) => PromiseLike<unknown>;
  };
  if (!firstInstrumentation(messages)) return client;
  const original = messages.create.bind(messages);
  messages.create = (body: MessagesBody, options?: unknown) => {
    const input = body.system ? { system: body.system, messages: body.messages } : body.messages;
    const call = new LlmCall("anthropic", body.model, input ?? []);
    return track(
      call,
      () => original(body, options),
      (result) => {
        if (body.stream) return call.observe(result as AsyncIterable<StreamEvent>, eventReader());
        const message = result as { content?: unknown; usage?: unknown };
        return call.end(contentText(message.content), toUsage(message.usage));
      },
    );
  };
  return client;
}
