/**
 * `cl.instrumentOpenAI(client)`: each chat completion of an `openai` client becomes an `llm`
 * step (llm-step.ts). The package is never imported here, so apps without it pay nothing.
 */
import { firstInstrumentation, LlmCall, toUsage, track } from "./llm-step.js";

interface ChatBody {
  model?: string;
  messages?: unknown;
  stream?: boolean | null;
}

interface Chunk {
  choices?: { delta?: { content?: string | null } }[];
  usage?: unknown;
}

interface Completion {
  choices?: { message?: { content?: string | null } }[];
  usage?: unknown;
}

interface OpenAILike {
  chat: { completions: { create: (body: never, options?: never) => unknown } };
}

function readChunk(item: unknown) {
  const chunk = item as Chunk;
  return { text: chunk.choices?.[0]?.delta?.content ?? "", usage: toUsage(chunk.usage) };
}

/**
 * Makes every chat completion of this `openai` client an `llm` step (input messages, output,
 * model, latency, token usage), streamed or not. Returns the same client.
 * @example
 * const client = cl.instrumentOpenAI(new OpenAI());
 */
export function instrumentOpenAI<T extends OpenAILike>(client: T): T {
  const completions = client.chat.completions as unknown as {
    create: (body: ChatBody, options?: unknown) => PromiseLike<unknown>;
  };
  if (!firstInstrumentation(completions)) return client;
  const original = completions.create.bind(completions);
  completions.create = (body: ChatBody, options?: unknown) => {
    const call = new LlmCall("openai", body.model, body.messages ?? []);
    return track(
      call,
      () => original(body, options),
      (result) => {
        if (body.stream) return call.observe(result as AsyncIterable<Chunk>, readChunk);
        const completion = result as Completion;
        return call.end(completion.choices?.[0]?.message?.content ?? "", toUsage(completion.usage));
      },
    );
  };
  return client;
}
