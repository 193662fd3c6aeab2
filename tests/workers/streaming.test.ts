import OpenAI from "openai";
import { beforeEach, describe, expect, inject, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { Client, installHooks, newSession, newVisitor, transcript } from "./harness.js";

const openai = () => new OpenAI({ apiKey: "test", baseURL: inject("openaiUrl") });

async function run(content: string) {
  const visitor = await newVisitor();
  const id = await newSession(visitor);
  const client = await Client.open(id, visitor);
  client.send({ type: "message", id: crypto.randomUUID(), content });
  await client.idle(15_000);
  return client;
}

describe("streaming", () => {
  beforeEach(() => {
    installHooks({
      message: async () => {
        const stream = await openai().chat.completions.create(
          { model: "fake", messages: cl.chatContext.toOpenAI(), stream: true },
          { signal: cl.context.signal },
        );
        const msg = new cl.Message({ content: "" });
        for await (const chunk of stream) {
          const token = chunk.choices[0]?.delta?.content;
          if (token) await msg.streamToken(token);
        }
        await msg.send();
      },
    });
  });

  it("coalesces a fast stream into few frames and ends with the exact text", async () => {
    const client = await run("tokens:2000");
    const expected = Array.from({ length: 2000 }, (_, i) => (i ? ` t${i}` : "t0")).join("");
    const answer = [...transcript(client.frames).values()].find(
      (s) => s.type === "assistant_message",
    );
    expect(answer?.output).toBe(expected);
    const deltas = client.frames.filter((f) => f.type === "delta");
    // 2000 tokens arriving as fast as the loopback server sends them: far fewer frames than tokens.
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.length).toBeLessThan(200);
    const final = client.frames
      .filter((f) => f.type === "step" && f.step.type === "assistant_message")
      .at(-1);
    expect(final?.type === "step" && final.step.streaming).toBeFalsy();
  });

  it("sends paced tokens within the flush window (at most ~2 frames per 20 ms)", async () => {
    const started = Date.now();
    const client = await run("tokens:60 rate:200");
    const elapsed = Date.now() - started;
    const deltas = client.frames.filter((f) => f.type === "delta").length;
    expect(deltas).toBeGreaterThan(3);
    expect(deltas).toBeLessThanOrEqual(Math.ceil(elapsed / 16) + 2);
  });

  it("replaces the text with isSequence", async () => {
    installHooks({
      message: async () => {
        const msg = new cl.Message({ content: "" });
        await msg.streamToken("draft");
        await msg.streamToken("final text", { isSequence: true });
        await msg.streamToken("!");
        await msg.send();
      },
    });
    const client = await run("x");
    const answer = [...transcript(client.frames).values()].find(
      (s) => s.type === "assistant_message",
    );
    expect(answer?.output).toBe("final text!");
  });

  it("updates and removes messages", async () => {
    installHooks({
      message: async () => {
        const msg = await new cl.Message("first").send();
        msg.content = "changed";
        await msg.update();
        const gone = await new cl.Message("temporary").send();
        await gone.remove();
        await new cl.ErrorMessage({ content: "boom" }).send();
      },
    });
    const client = await run("x");
    const steps = [...transcript(client.frames).values()].filter((s) => s.type !== "user_message");
    expect(steps.map((s) => `${s.name}:${s.output}`)).toEqual(["Assistant:changed", "Error:boom"]);
  });

  it("gives hooks the conversation in OpenAI format", async () => {
    let seen: unknown;
    installHooks({
      message: async (m) => {
        await new cl.Message(`re: ${m.content}`).send();
        seen = cl.chatContext.toOpenAI();
      },
    });
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    const client = await Client.open(id, visitor);
    client.send({ type: "message", id: "1", content: "hello" });
    await client.idle();
    client.send({ type: "message", id: "2", content: "again" });
    await client.idle();
    expect(seen).toEqual([
      { role: "user", content: "hello" },
      { role: "assistant", content: "re: hello" },
      { role: "user", content: "again" },
      { role: "assistant", content: "re: again" },
    ]);
  });
});
