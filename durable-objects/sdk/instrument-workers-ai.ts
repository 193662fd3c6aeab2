/**
 * `cl.instrumentWorkersAI(env.AI)`: each text-generation `run` of a Workers AI binding becomes an
 * `llm` step (llm-step.ts). A streamed answer is a ReadableStream of SSE bytes: the author gets
 * the same bytes through a stream that reads them as they pass, and the step closes when it
 * ends, fails or is cancelled. Calls without `messages` or `prompt` (embeddings, images…) pass
 * through untouched.
 */
import { firstInstrumentation, LlmCall, toolCallText, toUsage } from "./llm-step.js";

interface TextInputs {
  messages?: unknown;
  prompt?: unknown;
  stream?: boolean;
}

interface TextOutput {
  response?: unknown;
  tool_calls?: { name?: string; arguments?: unknown }[];
  usage?: unknown;
}

interface AiLike {
  run: (model: never, inputs: never, options?: never) => Promise<unknown>;
}

type Run = (model: string, inputs: unknown, options?: unknown) => Promise<unknown>;

function outputText(out: TextOutput): string {
  const response = out.response;
  const text =
    typeof response === "string"
      ? response
      : response === undefined
        ? ""
        : JSON.stringify(response);
  const calls = (out.tool_calls ?? []).map((c) =>
    toolCallText(c.name ?? "tool", c.arguments ?? {}),
  );
  return text + calls.join("");
}

/** Reads SSE `data:` lines out of the bytes passing by; a line that is not JSON is skipped. */
function sseReader(onData: (data: TextOutput) => void) {
  const decoder = new TextDecoder();
  let buffer = "";
  const line = (raw: string) => {
    if (!raw.startsWith("data:")) return;
    const payload = raw.slice(5).trim();
    if (!payload || payload === "[DONE]") return;
    try {
      onData(JSON.parse(payload) as TextOutput);
    } catch {
      // Not ours to judge: the author reads the same bytes and sees what the model sent.
    }
  };
  return (bytes: Uint8Array | undefined) => {
    buffer += bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    const lines = buffer.split(/\r?\n/);
    buffer = bytes ? (lines.pop() ?? "") : "";
    for (const l of lines) line(l);
  };
}

function observeStream(
  stream: ReadableStream<Uint8Array>,
  call: LlmCall,
): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  let output = "";
  let usage: TextOutput["usage"];
  const feed = sseReader((data) => {
    output += outputText({
      ...data,
      response: typeof data.response === "string" ? data.response : "",
    });
    if (data.usage) usage = data.usage;
  });
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          feed(undefined);
          controller.close();
          await call.end(output, toUsage(usage));
          return;
        }
        feed(value);
        controller.enqueue(value);
      } catch (err) {
        controller.error(err);
        await call.end(output, undefined, err);
      }
    },
    async cancel(reason) {
      await call.end(output, toUsage(usage));
      await reader.cancel(reason);
    },
  });
}

/**
 * Makes every text-generation `run(model, inputs)` of this Workers AI binding an `llm` step:
 * input messages (or prompt), output text and tool calls, model, latency, token usage, streamed
 * (`stream: true`) or not. Returns the same binding.
 * @example
 * const ai = cl.instrumentWorkersAI(env.AI);
 * const { response } = await ai.run("@cf/meta/llama-3.1-8b-instruct", { messages });
 */
export function instrumentWorkersAI<T extends AiLike>(ai: T): T {
  if (!firstInstrumentation(ai)) return ai;
  const binding = ai as unknown as { run: Run };
  const original = binding.run.bind(binding);
  binding.run = async (model, inputs, options) => {
    const text = (inputs ?? {}) as TextInputs;
    if (typeof inputs !== "object" || (text.messages === undefined && text.prompt === undefined)) {
      return original(model, inputs, options);
    }
    const call = new LlmCall("workers-ai", model, text.messages ?? text.prompt);
    let result: unknown;
    try {
      result = await original(model, inputs, options);
    } catch (err) {
      await call.end("", undefined, err);
      throw err;
    }
    if (result instanceof ReadableStream) return observeStream(result, call);
    const out = (
      typeof result === "object" && result !== null ? result : { response: result }
    ) as TextOutput;
    await call.end(outputText(out), toUsage(out.usage));
    return result;
  };
  return ai;
}
