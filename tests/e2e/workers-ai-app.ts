/**
 * The browser test's Workers AI app: examples/workers-ai's handler (and its stream reading), but `cl.instrumentWorkersAI`
 * wraps a stand-in for `env.AI`, because the real binding only runs on Cloudflare (a remote
 * binding local dev cannot have). The stand-in has the binding's `run(model, inputs, options)`
 * shape: with `stream: true` an SSE ReadableStream of `data: {"response": …}` lines then
 * `data: [DONE]`, as Workers AI streams; otherwise `{ response, usage }`.
 */
import * as cl from "edgelit";
import { streamAnswer } from "../../examples/workers-ai/stream.js";

const MODEL = "@cf/meta/llama-3.1-8b-instruct";

function lastUserText(messages: { role: string; content: unknown }[]): string {
  const last = [...messages].reverse().find((m) => m.role === "user");
  return typeof last?.content === "string" ? last.content : "";
}

/** Stands in for `env.AI`: answers "You said: <last user text>", word by word when streamed. */
const standIn = {
  async run(
    _model: string,
    inputs: { messages: { role: string; content: unknown }[]; stream?: boolean },
    _options?: Record<string, unknown>,
  ): Promise<ReadableStream<Uint8Array> | { response: string; usage: object }> {
    const text = `You said: ${lastUserText(inputs.messages)}`;
    const usage = { prompt_tokens: 5, completion_tokens: text.split(" ").length, total_tokens: 0 };
    if (!inputs.stream) return { response: text, usage };
    const lines = [
      ...text.split(/(?= )/).map((response) => `data: ${JSON.stringify({ response })}\n\n`),
      `data: ${JSON.stringify({ response: "", usage })}\n\n`,
      "data: [DONE]\n\n",
    ];
    const bytes = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        const line = lines.shift();
        if (line === undefined) controller.close();
        else controller.enqueue(bytes.encode(line));
      },
    });
  },
};

const ai = cl.instrumentWorkersAI(standIn);

cl.onMessage(async (message) => {
  const messages = cl.chatContext.toOpenAI();
  // "whole …" asks for the non-streamed answer.
  if (message.content.startsWith("whole")) {
    const result = await ai.run(MODEL, { messages });
    if (result instanceof ReadableStream) throw new Error("asked for a whole answer");
    await new cl.Message({ content: result.response }).send();
    return;
  }
  const stream = await ai.run(MODEL, { messages, stream: true });
  if (!(stream instanceof ReadableStream)) throw new Error("Workers AI did not stream");
  await streamAnswer(stream);
});
