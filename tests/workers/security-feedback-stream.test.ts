/**
 * Issue 11, item 4: feedback given while an answer streams. The feedback must neither cut
 * tokens out of the streamed text (on screen and in storage, which is all a killed server
 * keeps) nor be dropped by the message's final `send()`.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ChatSession } from "../../durable-objects/chat-session.js";
import * as cl from "../../durable-objects/sdk/index.js";
import { sessionStub } from "./d1.js";
import { installHooks, newChat, transcript } from "./harness.js";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("feedback during a stream", () => {
  it("keeps every streamed token and the feedback after the final send", async () => {
    let feedbacks = 0;
    let full = "";
    let release: () => void = () => {};
    const released = new Promise<void>((r) => {
      release = r;
    });
    let streamed: (id: string) => void = () => {};
    const done = new Promise<string>((r) => {
      streamed = r;
    });
    installHooks({
      feedback: () => {
        feedbacks++;
      },
      message: async () => {
        const msg = new cl.Message({ content: "" });
        // Tokens every millisecond, so a feedback nearly always meets tokens not yet sent.
        for (let i = 0; feedbacks < 6 && i < 5000; i++) {
          const token = `t${i} `;
          full += token;
          await msg.streamToken(token);
          await pause(1);
        }
        streamed(msg.id);
        await released;
        await msg.send();
      },
    });
    const { id, client } = await newChat();
    client.send({ type: "message", id: "q", content: "stream" });
    const first = await client.next(
      (f) => f.type === "step" && f.step.type === "assistant_message",
    );
    const answerId = first.type === "step" ? first.step.id : "";
    for (let i = 0; i < 6; i++) {
      await client.next((f) => f.type === "delta", 5000);
      client.send({ type: "feedback", stepId: answerId, value: i % 2 === 0 ? 1 : 0 });
      await pause(5);
    }
    expect(await done).toBe(answerId);
    // All tokens are out (the flush window is 16 ms); the client and storage hold them all.
    await pause(100);
    expect(transcript(client.frames).get(answerId)?.output).toBe(full);
    const stored = await runInDurableObject(
      sessionStub(id),
      (instance: ChatSession) => instance.session.steps.get(answerId)?.output,
    );
    expect(stored).toBe(full);

    release();
    await client.idle();
    const final = client.frames.filter((f) => f.type === "step" && f.step.id === answerId).at(-1);
    expect(final?.type === "step" && final.step.output).toBe(full);
    expect(final?.type === "step" && final.step.feedback).toEqual({ value: 0 });
    const kept = await runInDurableObject(
      sessionStub(id),
      (instance: ChatSession) => instance.session.steps.get(answerId)?.feedback,
    );
    expect(kept).toEqual({ value: 0 });
    client.close();
  });
});
