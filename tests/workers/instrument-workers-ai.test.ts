/**
 * `cl.instrumentWorkersAI`. There is no Workers AI locally, so the binding is a fake `Ai`-shaped
 * object whose `run` returns what Workers AI returns: `{ response, usage }`, or with
 * `stream: true` a ReadableStream of SSE bytes (`data: {"response": "..."}` … usage … `[DONE]`).
 */
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { openChat } from "../../testing/index.js";
import { installHooks } from "./harness.js";

const usage = { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 };

/** SSE bytes as Workers AI sends them, cut at awkward places (mid-line, mid-character). */
function sse(tokens: string[]): ReadableStream<Uint8Array> {
  const text = [
    ...tokens.map((t) => `data: ${JSON.stringify({ response: t, p: "abc" })}\n\n`),
    `data: ${JSON.stringify({ response: "", usage })}\n\n`,
    "data: [DONE]\n\n",
  ].join("");
  const bytes = new TextEncoder().encode(text);
  const cuts = [0, 7, 20, 21, 33, 60, 61, bytes.length];
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i + 1 < cuts.length; i++)
        controller.enqueue(bytes.slice(cuts[i], cuts[i + 1]));
      controller.close();
    },
  });
}

function fakeAi() {
  const calls: string[] = [];
  return {
    calls,
    async run(
      model: string,
      inputs: { stream?: boolean; text?: string; prompt?: string; messages?: unknown },
    ): Promise<unknown> {
      calls.push(model);
      if (inputs.text !== undefined) return { shape: [1, 3], data: [[0.1, 0.2, 0.3]] };
      if (model === "@cf/broken") throw new Error("AiError: 5007: No such model");
      if (inputs.stream) return sse(["Hé", "llo", " wörld"]);
      return {
        response: "Hello world",
        tool_calls: [{ name: "get_weather", arguments: { city: "Oslo" } }],
        usage,
      };
    },
  };
}

async function turnOf(message: (m: cl.Message) => Promise<void>) {
  installHooks({ message });
  const chat = await openChat();
  const turn = await chat.send("hi");
  chat.close();
  return { llm: turn.steps.filter((s) => s.type === "llm"), answer: turn.messages.at(-1)?.output };
}

describe("cl.instrumentWorkersAI", () => {
  it("makes a run an llm step with input, output, tool calls, model, latency and usage", async () => {
    const { llm, answer } = await turnOf(async (m) => {
      const ai = cl.instrumentWorkersAI(fakeAi());
      const out = (await ai.run("@cf/meta/llama-3.1-8b-instruct", {
        messages: [{ role: "user", content: m.content }],
      })) as { response: string };
      await new cl.Message(out.response).send();
    });
    expect(answer).toBe("Hello world");
    expect(llm).toHaveLength(1);
    expect(llm[0]?.name).toBe("@cf/meta/llama-3.1-8b-instruct");
    expect(llm[0]?.output).toBe('Hello world\nget_weather({\n  "city": "Oslo"\n})');
    expect(JSON.parse(llm[0]?.input ?? "")).toEqual([{ role: "user", content: "hi" }]);
    expect(llm[0]?.metadata).toMatchObject({
      provider: "workers-ai",
      usage: { inputTokens: 9, outputTokens: 3, totalTokens: 12 },
    });
    expect(typeof llm[0]?.metadata?.latencyMs).toBe("number");
  });

  it("passes a streamed answer's bytes through unchanged and reads its text and usage", async () => {
    const { llm, answer } = await turnOf(async () => {
      const ai = cl.instrumentWorkersAI(fakeAi());
      const stream = (await ai.run("@cf/stream", { prompt: "hi", stream: true })) as ReadableStream;
      const text = await new Response(stream).text();
      await new cl.Message(
        text.includes("data: [DONE]") && text.includes('"Hé"') ? "bytes ok" : text,
      ).send();
    });
    expect(answer).toBe("bytes ok");
    expect(llm[0]?.input).toBe("hi");
    expect(llm[0]?.output).toBe("Héllo wörld");
    expect(llm[0]?.metadata?.usage).toEqual({ inputTokens: 9, outputTokens: 3, totalTokens: 12 });
  });

  it("closes the step when the author cancels the stream, and marks a failed run as an error", async () => {
    const { llm } = await turnOf(async () => {
      const ai = cl.instrumentWorkersAI(fakeAi());
      const stream = (await ai.run("@cf/stream", { prompt: "hi", stream: true })) as ReadableStream;
      const reader = stream.getReader();
      await reader.read();
      await reader.cancel("enough");
      await ai.run("@cf/broken", { prompt: "x" }).catch(() => undefined);
    });
    expect(llm).toHaveLength(2);
    expect(llm[0]?.output).toBe("");
    expect(llm.map((s) => s.isError === true)).toEqual([false, true]);
    expect(llm[1]?.output).toBe("AiError: 5007: No such model");
  });

  it("lets non-text models through without a step, and never doubles steps when instrumented twice", async () => {
    const fake = fakeAi();
    const { llm, answer } = await turnOf(async () => {
      const ai = cl.instrumentWorkersAI(cl.instrumentWorkersAI(fake));
      const emb = (await ai.run("@cf/baai/bge-small-en-v1.5", { text: "hi" })) as {
        shape: number[];
      };
      await ai.run("@cf/meta/llama", { prompt: "hi" });
      await new cl.Message(`${emb.shape.join("x")}`).send();
    });
    expect(answer).toBe("1x3");
    expect(fake.calls).toEqual(["@cf/baai/bge-small-en-v1.5", "@cf/meta/llama"]);
    expect(llm.map((s) => s.name)).toEqual(["@cf/meta/llama"]);
  });
});
