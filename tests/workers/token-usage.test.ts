/**
 * The session's token total: every `llm` step that ends with usage adds to it once (an
 * instrumented client through the real `openai` library, or a step the app makes itself), the app
 * reads it as `cl.context.tokenUsage`, clients get it live and in a reload's snapshot.
 */
import OpenAI from "openai";
import { describe, expect, inject, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { Client, installHooks, newChat } from "./harness.js";

describe("token usage total", () => {
  it("adds each ended llm step's usage once, shows it live and after a reload", async () => {
    installHooks({
      message: async (m) => {
        const openai = cl.instrumentOpenAI(
          new OpenAI({ apiKey: "test", baseURL: inject("openaiUrl") }),
        );
        await openai.chat.completions.create({
          model: "gpt-json",
          messages: [{ role: "user", content: m.content }],
        });
        // A step of the app's own, updated after it ended: counted once.
        const own = new cl.Step({ name: "own-model", type: "llm" });
        await own.send();
        own.output = "done";
        own.metadata.usage = { prompt_tokens: 100, completion_tokens: 50 };
        own.endedAt = Date.now();
        await own.update();
        await own.update();
        // A step without usage, or not an llm step, adds nothing.
        await cl.withStep({ name: "tool", type: "tool" }, (s) => {
          s.metadata.usage = { prompt_tokens: 999 };
        });
        const total = cl.context.tokenUsage;
        await new cl.Message(
          `total=${total.inputTokens}/${total.outputTokens}/${total.totalTokens}`,
        ).send();
      },
    });
    const { visitor, id, client } = await newChat();
    client.send({ type: "message", id: crypto.randomUUID(), content: "hi you" });
    // The fake OpenAI server reports 6 prompt and 4 completion tokens for "hi you".
    await client.next((f) => f.type === "step" && f.step.output === "total=106/54/160", 10_000);
    const live = client.frames.flatMap((f) => (f.type === "usage" ? [f.usage] : []));
    expect(live).toEqual([
      { inputTokens: 6, outputTokens: 4 },
      { inputTokens: 106, outputTokens: 54 },
    ]);
    await client.idle();
    client.send({ type: "message", id: crypto.randomUUID(), content: "hi you" });
    await client.next((f) => f.type === "step" && f.step.output === "total=212/108/320", 10_000);
    client.close();

    const again = await Client.open(id, visitor);
    const snapshot = await again.next((f) => f.type === "snapshot", 5000, true);
    expect(snapshot.type === "snapshot" && snapshot.snapshot.usage).toEqual({
      inputTokens: 212,
      outputTokens: 108,
    });
    again.close();
  });

  it("is zero for a session without llm steps", async () => {
    installHooks({
      message: async () => {
        const t = cl.context.tokenUsage;
        await new cl.Message(`total=${t.inputTokens}/${t.outputTokens}/${t.totalTokens}`).send();
      },
    });
    const { client } = await newChat();
    const snapshot = await client.next((f) => f.type === "snapshot", 5000, true);
    expect(snapshot.type === "snapshot" && snapshot.snapshot.usage).toEqual({
      inputTokens: 0,
      outputTokens: 0,
    });
    client.send({ type: "message", id: crypto.randomUUID(), content: "x" });
    await client.next((f) => f.type === "step" && f.step.output === "total=0/0/0");
    client.close();
  });
});
