/** `cl.instrumentOpenAI` through the shared llm-step module: the real `openai` client, loopback server. */
import OpenAI from "openai";
import { describe, expect, inject, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { openChat } from "../../testing/index.js";
import { installHooks } from "./harness.js";

describe("cl.instrumentOpenAI", () => {
  it("makes streamed and JSON completions llm steps with model, latency and usage; keeps withResponse", async () => {
    installHooks({
      message: async (m) => {
        const openai = cl.instrumentOpenAI(
          new OpenAI({ apiKey: "test", baseURL: inject("openaiUrl") }),
        );
        const messages = [{ role: "user" as const, content: m.content }];
        const { data, response } = await openai.chat.completions
          .create({ model: "gpt-json", messages })
          .withResponse();
        const stream = await openai.chat.completions.create({
          model: "gpt-stream",
          messages,
          stream: true,
          stream_options: { include_usage: true },
        });
        let text = "";
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
        await new cl.Message(
          `${response.status} ${data.choices[0]?.message.content} | ${text}`,
        ).send();
      },
    });
    const chat = await openChat();
    const turn = await chat.send("hi you");
    chat.close();
    expect(turn.messages.at(-1)?.output).toBe("200 You said: hi you | You said: hi you");
    const llm = turn.steps.filter((s) => s.type === "llm");
    expect(llm.map((s) => `${s.name}:${s.output}`)).toEqual([
      "gpt-json:You said: hi you",
      "gpt-stream:You said: hi you",
    ]);
    expect(llm[0]?.metadata).toMatchObject({
      provider: "openai",
      model: "gpt-json",
      usage: { inputTokens: 6, outputTokens: 4, totalTokens: 10 },
    });
    expect(typeof llm[1]?.metadata?.latencyMs).toBe("number");
  });

  it("closes the step as an error when the client refuses the request before sending it", async () => {
    let caught = "";
    installHooks({
      message: async () => {
        const refusing = {
          chat: {
            completions: {
              create: (_body: { model: string; messages: unknown[] }): Promise<unknown> => {
                throw new Error("missing messages");
              },
            },
          },
        };
        try {
          await cl
            .instrumentOpenAI(refusing)
            .chat.completions.create({ model: "gpt-x", messages: [] });
        } catch (err) {
          caught = err instanceof Error ? err.message : String(err);
        }
      },
    });
    const chat = await openChat();
    const turn = await chat.send("hi");
    chat.close();
    expect(caught).toBe("missing messages");
    const llm = turn.steps.filter((s) => s.type === "llm");
    expect(llm.map((s) => [s.name, s.isError, s.output])).toEqual([
      ["gpt-x", true, "missing messages"],
    ]);
  });
});
