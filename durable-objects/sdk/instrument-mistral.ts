/**
 * `cl.instrumentMistral(client)`: each `chat.complete` and `chat.stream` of a
 * `@mistralai/mistralai` client becomes an `llm` step through llm-step.ts. Only types are taken
 * from the package, so apps without it pay nothing.
 */
import { firstInstrumentation, LlmCall, toolCallText, toUsage, track } from "./llm-step.js";

interface ChatRequest {
  model?: string;
  messages?: unknown;
}

interface ToolCall {
  function?: { name?: string; arguments?: unknown };
}

interface Turn {
  content?: unknown;
  toolCalls?: ToolCall[] | null;
}

interface MistralLike {
  chat: {
    complete: (request: never, options?: never) => unknown;
    stream: (request: never, options?: never) => unknown;
  };
}

type Method = (request: ChatRequest, options?: unknown) => PromiseLike<unknown>;

/** Content is a string or a list of chunks (text, image, …); only text is shown. */
function text(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((c: { text?: unknown }) => (typeof c.text === "string" ? c.text : ""))
    .join("");
}

function turnText(turn: Turn | undefined): string {
  const calls = (turn?.toolCalls ?? []).map((t) =>
    toolCallText(t.function?.name ?? "tool", t.function?.arguments ?? {}),
  );
  return text(turn?.content) + calls.join("");
}

function readEvent(item: unknown) {
  const chunk = (item as { data?: { choices?: { delta?: Turn }[]; usage?: unknown } }).data;
  return { text: turnText(chunk?.choices?.[0]?.delta), usage: toUsage(chunk?.usage) };
}

/**
 * Makes every `chat.complete` and `chat.stream` of this Mistral client an `llm` step: input
 * messages, output text and tool calls, model, latency, token usage. Returns the client.
 * @example
 * const mistral = cl.instrumentMistral(new Mistral({ apiKey: env.MISTRAL_API_KEY }));
 */
export function instrumentMistral<T extends MistralLike>(client: T): T {
  const chat = client.chat as unknown as { complete: Method; stream: Method };
  if (!firstInstrumentation(chat)) return client;
  const complete = chat.complete.bind(chat);
  const stream = chat.stream.bind(chat);
  chat.complete = (request, options) => {
    const call = new LlmCall("mistral", request.model, request.messages ?? []);
    return track(
      call,
      () => complete(request, options),
      (result) => {
        const response = result as { choices?: { message?: Turn }[]; usage?: unknown };
        return call.end(turnText(response.choices?.[0]?.message), toUsage(response.usage));
      },
    );
  };
  chat.stream = (request, options) => {
    const call = new LlmCall("mistral", request.model, request.messages ?? []);
    return track(
      call,
      () => stream(request, options),
      (events) => call.observe(events as AsyncIterable<unknown>, readEvent),
    );
  };
  return client;
}
