/** `cl.instrumentMistral`: the real `@mistralai/mistralai` client against a loopback chat API. */
import { Mistral } from "@mistralai/mistralai";
import { describe, expect, inject, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { openChat } from "../../testing/index.js";
import { installHooks } from "./harness.js";

const client = () =>
  cl.instrumentMistral(new Mistral({ apiKey: "test", serverURL: inject("mistralUrl") }));
const weather = {
  type: "function" as const,
  function: {
    name: "get_weather",
    parameters: { type: "object", properties: { city: { type: "string" } } },
  },
};

async function llmSteps(content: string) {
  const chat = await openChat();
  const turn = await chat.send(content);
  chat.close();
  return { llm: turn.steps.filter((s) => s.type === "llm"), answer: turn.messages.at(-1)?.output };
}

describe("cl.instrumentMistral", () => {
  it("makes chat.complete an llm step with input, output, model, latency and usage", async () => {
    installHooks({
      message: async (m) => {
        const res = await client().chat.complete({
          model: "mistral-small",
          messages: [{ role: "user", content: m.content }],
        });
        const content = res.choices[0]?.message?.content;
        await new cl.Message(typeof content === "string" ? content : "?").send();
      },
    });
    const { llm, answer } = await llmSteps("bonjour");
    expect(answer).toBe("You said: bonjour");
    expect(llm).toHaveLength(1);
    expect(llm[0]?.name).toBe("mistral-small");
    expect(llm[0]?.output).toBe("You said: bonjour");
    expect(JSON.parse(llm[0]?.input ?? "")).toEqual([{ role: "user", content: "bonjour" }]);
    expect(llm[0]?.metadata).toMatchObject({
      provider: "mistral",
      model: "mistral-small",
      usage: { inputTokens: 7, outputTokens: 3, totalTokens: 10 },
    });
    expect(typeof llm[0]?.metadata?.latencyMs).toBe("number");
  });

  it("follows chat.stream to its last chunk and the usage it carries", async () => {
    installHooks({
      message: async (m) => {
        const stream = await client().chat.stream({
          model: "mistral-stream",
          messages: [{ role: "user", content: m.content }],
        });
        const msg = new cl.Message({ content: "" });
        for await (const event of stream) {
          const token = event.data.choices[0]?.delta.content;
          if (typeof token === "string") await msg.streamToken(token);
        }
        await msg.send();
      },
    });
    const { llm, answer } = await llmSteps("un deux trois");
    expect(answer).toBe("You said: un deux trois");
    expect(llm[0]?.output).toBe("You said: un deux trois");
    expect(llm[0]?.metadata?.usage).toEqual({ inputTokens: 13, outputTokens: 5, totalTokens: 18 });
  });

  it("shows tool calls, streamed or not, as calls in the step", async () => {
    installHooks({
      message: async (m) => {
        const mistral = client();
        const messages = [{ role: "user" as const, content: m.content }];
        const res = await mistral.chat.complete({
          model: "mistral-tools",
          tools: [weather],
          messages,
        });
        await new cl.Message(res.choices[0]?.finishReason ?? "").send();
        const stream = await mistral.chat.stream({
          model: "mistral-tools",
          tools: [weather],
          messages,
        });
        for await (const _ of stream) {
          // read to the end
        }
      },
    });
    const { llm, answer } = await llmSteps("weather in Lyon?");
    expect(answer).toBe("tool_calls");
    expect(llm.map((s) => s.output)).toEqual([
      '\nget_weather({"city": "Paris"})',
      '\nget_weather({"city": "Paris"})',
    ]);
    expect(llm[1]?.metadata?.usage).toEqual({ inputTokens: 16, outputTokens: 5, totalTokens: 21 });
  });
});
