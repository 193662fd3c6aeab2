import { Step } from "./step.js";

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

async function finish(step: Step, output: string, usage: unknown, error?: unknown): Promise<void> {
  step.output = error ? (error instanceof Error ? error.message : String(error)) : output;
  step.isError = error !== undefined;
  if (usage) step.metadata = { ...step.metadata, usage };
  step.endedAt = Date.now();
  // After a stop the step is closed by the session; nothing more may be emitted.
  await step.update().catch(() => undefined);
}

function wrapStream(stream: AsyncIterable<Chunk>, step: Step): AsyncIterable<Chunk> {
  const iterate = stream[Symbol.asyncIterator].bind(stream);
  Object.defineProperty(stream, Symbol.asyncIterator, {
    configurable: true,
    value: async function* () {
      let output = "";
      let usage: unknown;
      let failure: unknown;
      try {
        for await (const chunk of { [Symbol.asyncIterator]: iterate }) {
          output += chunk.choices?.[0]?.delta?.content ?? "";
          if (chunk.usage) usage = chunk.usage;
          yield chunk;
        }
      } catch (err) {
        failure = err;
        throw err;
      } finally {
        await finish(step, output, usage, failure);
      }
    },
  });
  return stream;
}

/**
 * Makes every chat completion of this `openai` client an `llm` step (input messages, output,
 * token usage), streamed or not. Returns the same client.
 * @example
 * const client = cl.instrumentOpenAI(new OpenAI());
 */
export function instrumentOpenAI<T extends OpenAILike>(client: T): T {
  const completions = client.chat.completions as unknown as {
    create: (body: ChatBody, options?: unknown) => Promise<unknown>;
  };
  const original = completions.create.bind(completions);
  completions.create = async (body: ChatBody, options?: unknown) => {
    const step = new Step({ name: body.model ?? "llm", type: "llm", showInput: "json" });
    step.input = JSON.stringify(body.messages ?? [], null, 2);
    await step.send();
    let result: unknown;
    try {
      result = await original(body, options);
    } catch (err) {
      await finish(step, "", undefined, err);
      throw err;
    }
    if (body.stream) return wrapStream(result as AsyncIterable<Chunk>, step);
    const completion = result as Completion;
    await finish(step, completion.choices?.[0]?.message?.content ?? "", completion.usage);
    return result;
  };
  return client;
}
