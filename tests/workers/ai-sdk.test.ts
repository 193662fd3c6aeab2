/**
 * `edgelit/ai-sdk` through the real `ai` and `@ai-sdk/openai` packages against the loopback
 * OpenAI server (chat completions with tool calls), in the Workers runtime.
 */
import { createOpenAI } from "@ai-sdk/openai";
import {
  extractReasoningMiddleware,
  jsonSchema,
  stepCountIs,
  streamText,
  tool,
  wrapLanguageModel,
} from "ai";
import { describe, expect, inject, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { sendStream } from "../../integrations/ai-sdk.js";
import { openChat } from "../../testing/index.js";
import { quiet } from "../helpers/wait.js";
import { installHooks, newChat } from "./harness.js";

const model = () =>
  createOpenAI({ apiKey: "test", baseURL: inject("openaiUrl") }).chat("fake-model");

const getWeather = tool({
  description: "Weather of a city",
  inputSchema: jsonSchema<{ city: string }>({
    type: "object",
    properties: { city: { type: "string" } },
  }),
  execute: async ({ city }) => ({ city, temperature: 21 }),
});

async function stats(): Promise<{ aborted: number }> {
  const res = await fetch(inject("openaiUrl").replace(/\/v1$/, "/_stats"));
  return (await res.json()) as { aborted: number };
}

describe("edgelit/ai-sdk", () => {
  it("streams the text into a message and returns it; toModelMessages gives the conversation", async () => {
    const seen: unknown[] = [];
    installHooks({
      message: async () => {
        const messages = cl.chatContext.toModelMessages();
        seen.push(messages);
        const result = streamText({ model: model(), messages, abortSignal: cl.context.signal });
        const msg = await sendStream(result, { message: { author: "AI SDK" } });
        await new cl.Message(`returned ${msg.content.length} chars`).send();
      },
    });
    const chat = await openChat();
    const first = await chat.send("hello");
    expect(first.messages.map((m) => `${m.name}: ${m.output}`)).toEqual([
      "You: hello",
      "AI SDK: You said: hello",
      "Assistant: returned 15 chars",
    ]);
    await chat.send("again");
    chat.close();
    expect(seen[1]).toEqual([
      { role: "user", content: "hello" },
      { role: "assistant", content: "You said: hello" },
      { role: "assistant", content: "returned 15 chars" },
      { role: "user", content: "again" },
    ]);
  });

  it("shows each tool call as a tool step with its arguments and result, then the answer", async () => {
    installHooks({
      message: async (m) => {
        const result = streamText({
          model: model(),
          prompt: m.content,
          tools: { get_weather: getWeather },
          stopWhen: stepCountIs(3),
          abortSignal: cl.context.signal,
        });
        await sendStream(result);
      },
    });
    const chat = await openChat();
    const turn = await chat.send("weather in Paris?");
    chat.close();
    const shown = turn.steps.filter((s) => s.type !== "user_message");
    expect(shown.map((s) => `${s.type}:${s.name}`)).toEqual([
      "tool:get_weather",
      "assistant_message:Assistant",
    ]);
    const [toolStep, answer] = shown;
    expect(JSON.parse(toolStep?.input ?? "")).toEqual({ city: "Paris" });
    expect(JSON.parse(toolStep?.output ?? "")).toEqual({ city: "Paris", temperature: 21 });
    expect(answer?.output).toBe('Tool said: {"city":"Paris","temperature":21}');
  });

  it("shows reasoning as its own step before the text", async () => {
    installHooks({
      message: async (m) => {
        const reasoner = wrapLanguageModel({
          model: model(),
          middleware: extractReasoningMiddleware({ tagName: "think" }),
        });
        await sendStream(streamText({ model: reasoner, prompt: m.content }));
      },
    });
    const chat = await openChat();
    const turn = await chat.send("think: please");
    chat.close();
    const shown = turn.steps.filter((s) => s.type !== "user_message");
    expect(shown.map((s) => `${s.name}:${s.output}`)).toEqual([
      "Reasoning:I should answer.",
      "Assistant:Done.",
    ]);
  });

  for (const passSignal of [true, false]) {
    it(`stops reading when the user presses stop (abortSignal ${passSignal ? "passed" : "not passed"})`, async () => {
      let returned: string | undefined;
      installHooks({
        message: async (m) => {
          const abortSignal = passSignal ? cl.context.signal : undefined;
          const result = streamText({ model: model(), prompt: m.content, abortSignal });
          returned = (await sendStream(result)).content;
        },
      });
      const before = (await stats()).aborted;
      const { client } = await newChat();
      client.send({ type: "message", id: "1", content: "slow" });
      await client.next((f) => f.type === "delta");
      client.send({ type: "stop" });
      await client.idle();
      const stoppedAt = client.frames.length;
      await expect.poll(() => returned, { timeout: 3000 }).toMatch(/^ s0/);
      await quiet(300);
      expect(client.frames.slice(stoppedAt).filter((f) => f.type === "delta")).toEqual([]);
      // Only the author's abortSignal ends the request itself; sendStream just stops reading.
      if (!passSignal) return client.close();
      await expect
        .poll(async () => (await stats()).aborted, { timeout: 3000 })
        .toBeGreaterThan(before);
      client.close();
    });
  }
});
