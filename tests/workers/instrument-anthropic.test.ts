/** `cl.instrumentAnthropic`: the real `@anthropic-ai/sdk` against a loopback Messages API. */
import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, inject, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { openChat } from "../../testing/index.js";
import { installHooks } from "./harness.js";

const client = () =>
  cl.instrumentAnthropic(
    new Anthropic({ apiKey: "test", baseURL: inject("anthropicUrl"), maxRetries: 0 }),
  );
const weather = {
  name: "get_weather",
  description: "Weather of a city",
  input_schema: { type: "object" as const, properties: { city: { type: "string" } } },
};

async function llmStep(content: string) {
  const chat = await openChat();
  const turn = await chat.send(content);
  chat.close();
  const llm = turn.steps.filter((s) => s.type === "llm");
  expect(llm).toHaveLength(1);
  return { llm: llm[0]!, answer: turn.messages.at(-1)?.output };
}

describe("cl.instrumentAnthropic", () => {
  it("makes a JSON messages.create an llm step with input, output, model, latency and usage", async () => {
    installHooks({
      message: async (m) => {
        const reply = await client().messages.create({
          model: "claude-test",
          max_tokens: 100,
          system: "Be brief.",
          messages: [{ role: "user", content: m.content }],
        });
        await new cl.Message(
          reply.content[0]?.type === "text" ? reply.content[0].text : "?",
        ).send();
      },
    });
    const { llm, answer } = await llmStep("hello there");
    expect(answer).toBe("You said: hello there");
    expect(llm.name).toBe("claude-test");
    expect(llm.output).toBe("You said: hello there");
    expect(JSON.parse(llm.input ?? "")).toEqual({
      system: "Be brief.",
      messages: [{ role: "user", content: "hello there" }],
    });
    expect(llm.metadata?.model).toBe("claude-test");
    expect(llm.metadata?.provider).toBe("anthropic");
    expect(llm.metadata?.usage).toEqual({ inputTokens: 11, outputTokens: 4, totalTokens: 15 });
    expect(typeof llm.metadata?.latencyMs).toBe("number");
  });

  it("follows a streamed answer (create with stream: true) to its last token and usage", async () => {
    installHooks({
      message: async (m) => {
        const stream = await client().messages.create({
          model: "claude-stream",
          max_tokens: 100,
          stream: true,
          messages: [{ role: "user", content: m.content }],
        });
        const msg = new cl.Message({ content: "" });
        for await (const event of stream) {
          if (event.type === "content_block_delta" && event.delta.type === "text_delta") {
            await msg.streamToken(event.delta.text);
          }
        }
        await msg.send();
      },
    });
    const { llm, answer } = await llmStep("one two three");
    expect(answer).toBe("You said: one two three");
    expect(llm.output).toBe("You said: one two three");
    expect(llm.metadata?.usage).toEqual({ inputTokens: 13, outputTokens: 5, totalTokens: 18 });
  });

  it("shows a streamed tool use (messages.stream helper) as a call in the step", async () => {
    installHooks({
      message: async (m) => {
        const stream = client().messages.stream({
          model: "claude-tools",
          max_tokens: 100,
          tools: [weather],
          messages: [{ role: "user", content: m.content }],
        });
        const final = await stream.finalMessage();
        const use = final.content.find((b) => b.type === "tool_use");
        await new cl.Message(use?.type === "tool_use" ? JSON.stringify(use.input) : "none").send();
      },
    });
    const { llm, answer } = await llmStep("weather in Paris?");
    expect(answer).toBe('{"city":"Paris"}');
    expect(llm.output).toBe('\nget_weather({"city": "Paris"})');
    expect(llm.metadata?.usage).toEqual({ inputTokens: 17, outputTokens: 7, totalTokens: 24 });
  });

  it("shows a non-streamed tool use, and a failed call as an error step", async () => {
    installHooks({
      message: async (m) => {
        const anthropic = client();
        const reply = await anthropic.messages.create({
          model: "claude-tools",
          max_tokens: 100,
          tools: [weather],
          messages: [{ role: "user", content: m.content }],
        });
        await new cl.Message(reply.stop_reason ?? "").send();
        const broken = cl.instrumentAnthropic(
          new Anthropic({
            apiKey: "test",
            baseURL: `${inject("anthropicUrl")}/nowhere`,
            maxRetries: 0,
          }),
        );
        await broken.messages
          .create({
            model: "claude-broken",
            max_tokens: 1,
            messages: [{ role: "user", content: "x" }],
          })
          .catch(() => undefined);
      },
    });
    const chat = await openChat();
    const turn = await chat.send("weather in Paris?");
    chat.close();
    const [tool, broken] = turn.steps.filter((s) => s.type === "llm");
    expect(tool?.output).toBe('\nget_weather({\n  "city": "Paris"\n})');
    expect(broken?.name).toBe("claude-broken");
    expect(broken?.isError).toBe(true);
    expect(broken?.output).toContain("404");
  });

  it("marks a stream that fails midway as an error step, keeping the error for the author", async () => {
    let caught = "";
    installHooks({
      message: async (m) => {
        const stream = await client().messages.create({
          model: "claude-overloaded",
          max_tokens: 100,
          stream: true,
          messages: [{ role: "user", content: m.content }],
        });
        try {
          for await (const _ of stream) {
            // read until it fails
          }
        } catch (err) {
          caught = err instanceof Error ? err.message : String(err);
        }
        await new cl.Message("after").send();
      },
    });
    const { llm, answer } = await llmStep("overload me");
    expect(answer).toBe("after");
    expect([llm.isError, llm.output]).toEqual([true, caught]);
    expect(caught).toContain("Overloaded");
    expect(llm.output).toContain("Overloaded");
  });
});
