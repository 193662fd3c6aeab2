import OpenAI from "openai";
import { describe, expect, inject, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { quiet } from "../helpers/wait.js";
import { installHooks, newChat } from "./harness.js";

async function stats(): Promise<{ requests: number; aborted: number }> {
  const res = await fetch(inject("openaiUrl").replace(/\/v1$/, "/_stats"));
  return res.json();
}

describe("stop", () => {
  it("aborts the upstream request, shows the notice, runs onStop and takes the next message", async () => {
    let stopped = 0;
    installHooks({
      message: async (m) => {
        if (m.content !== "slow") return void (await new cl.Message("next works").send());
        const client = new OpenAI({ apiKey: "test", baseURL: inject("openaiUrl"), maxRetries: 0 });
        const stream = await client.chat.completions.create(
          { model: "fake", messages: [{ role: "user", content: "slow" }], stream: true },
          { signal: cl.context.signal },
        );
        const msg = new cl.Message({ content: "" });
        for await (const chunk of stream)
          await msg.streamToken(chunk.choices[0]?.delta?.content ?? "");
        await msg.send();
      },
      stop: () => void stopped++,
    });
    const before = await stats();
    const { client } = await newChat();
    client.send({ type: "message", id: "1", content: "slow" });
    await client.next((f) => f.type === "delta");
    client.send({ type: "stop" });
    await client.idle();
    const notice = await client.next(
      (f) => f.type === "step" && f.step.output === "Task manually stopped.",
      2000,
      true,
    );
    expect(notice.type).toBe("step");
    const stoppedAt = client.frames.length;
    await quiet(400);
    // No output of the stopped task after the stop.
    expect(client.frames.slice(stoppedAt).filter((f) => f.type === "delta")).toEqual([]);
    const streamed = client.frames
      .filter(
        (f) =>
          f.type === "step" &&
          f.step.type === "assistant_message" &&
          f.step.metadata?.notice !== true,
      )
      .at(-1);
    expect(streamed?.type === "step" && streamed.step.streaming).toBeFalsy();
    expect(stopped).toBe(1);
    const after = await stats();
    expect(after.aborted).toBeGreaterThan(before.aborted);
    client.send({ type: "message", id: "2", content: "hi" });
    const next = await client.next((f) => f.type === "step" && f.step.output === "next works");
    expect(next.type).toBe("step");
  });

  it("is not blocked by a hook that never resolves", async () => {
    installHooks({ message: () => new Promise(() => undefined) });
    const { client } = await newChat();
    client.send({ type: "message", id: "1", content: "hang" });
    await client.next((f) => f.type === "task" && f.running);
    client.send({ type: "stop" });
    const idle = await client.idle(2000);
    expect(idle.type).toBe("task");
  });

  it("ends cl.sleep early and drops output after stop", async () => {
    let after = false;
    installHooks({
      message: async () => {
        await cl.sleep(30);
        after = true;
      },
    });
    const { client } = await newChat();
    client.send({ type: "message", id: "1", content: "x" });
    await client.next((f) => f.type === "task" && f.running);
    client.send({ type: "stop" });
    await client.idle(2000);
    expect(after).toBe(false);
  });
});
