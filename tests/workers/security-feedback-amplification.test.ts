/**
 * Issue 11, item 3: a feedback frame must cost the server about its own size, not the size of
 * the answer it is about; and the session's event log stays under a byte cap whatever is sent.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ChatSession } from "../../durable-objects/chat-session.js";
import * as cl from "../../durable-objects/sdk/index.js";
import { EVENT_LOG_BYTES } from "../../durable-objects/session/store/event-log.js";
import { quiet } from "../helpers/wait.js";
import { sessionStub } from "./d1.js";
import { Client, installHooks, newChat } from "./harness.js";

const bytes = (text: string) => new TextEncoder().encode(text).byteLength;

/** Bytes of the session's event log, as SQLite stores them. */
function logBytes(id: string): Promise<number> {
  return runInDurableObject(sessionStub(id), (_instance: ChatSession, state) => {
    const row = state.storage.sql
      .exec<{ v: number }>("SELECT COALESCE(SUM(length(CAST(frame AS BLOB))), 0) AS v FROM events")
      .one();
    return row.v;
  });
}

describe("feedback amplification", () => {
  it("costs storage and broadcast about the size of the feedback, not of the answer", async () => {
    const answerSize = 64 * 1024;
    installHooks({
      message: async () => void (await new cl.Message("a".repeat(answerSize)).send()),
    });
    const { visitor, id, client } = await newChat();
    const watcher = await Client.open(id, visitor, { lastSeq: 0 });
    client.send({ type: "message", id: "q", content: "long answer please" });
    const answer = await client.next((f) => f.type === "step" && f.step.output.length > 1000);
    const answerId = answer.type === "step" ? answer.step.id : "";
    await client.idle();
    const logBefore = await logBytes(id);
    const seenBefore = watcher.frames.length;

    const n = 200;
    let input = 0;
    for (let i = 0; i < n; i++) {
      // Every frame differs from the one before, so none is a no-op.
      const frame = JSON.stringify({
        type: "feedback",
        stepId: answerId,
        value: i % 2,
        comment: `c${i} ${"x".repeat(200)}`,
      });
      input += bytes(frame);
      client.send(frame);
    }
    // Each frame is answered: a feedback event for everyone, or a refusal to the sender.
    const answered = () =>
      client.frames.filter(
        (f) =>
          (f.type === "feedback" && f.comment?.startsWith("c")) ||
          (f.type === "step" && f.step.id === answerId && f.step.feedback !== undefined) ||
          (f.type === "error" && f.code === "rate_limited"),
      ).length;
    for (let waited = 0; answered() < n && waited < 10_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(answered()).toBe(n);

    const broadcast = watcher.frames
      .slice(seenBefore)
      .reduce((sum, f) => sum + bytes(JSON.stringify(f)), 0);
    const stored = (await logBytes(id)) - logBefore;
    // Re-sending the 64 KB answer per click would be ~13 MB; feedback costs its own size.
    expect(broadcast).toBeLessThan(2 * input);
    expect(stored).toBeLessThan(2 * input);

    // The same feedback again is a no-op: nothing is sent or stored.
    const last = client.frames.filter((f) => f.type === "feedback").at(-1);
    const lastComment = last?.type === "feedback" ? last.comment : undefined;
    const lastValue = last?.type === "feedback" ? last.value : 0;
    const seqBefore = client.lastSeq;
    for (let i = 0; i < 20; i++) {
      client.send({ type: "feedback", stepId: answerId, value: lastValue, comment: lastComment });
    }
    client.send({ type: "ping" });
    await client.next((f) => f.type === "pong");
    await quiet(100);
    expect(client.lastSeq).toBe(seqBefore);
    client.close();
    watcher.close();
  });

  it("caps the event log by bytes; a client behind the cap gets a snapshot", async () => {
    const big = 256 * 1024;
    const count = 40;
    installHooks({
      message: async () => {
        const msg = await new cl.Message("start").send();
        for (let i = 0; i < count; i++) {
          msg.content = `${i}:${"b".repeat(big)}`;
          await msg.update();
        }
      },
    });
    const { visitor, id, client } = await newChat();
    const joinedAt = client.lastSeq;
    client.send({ type: "message", id: "q", content: "many large updates" });
    await client.idle(15_000);
    // 40 x 256 KB were sent; the log keeps at most the cap.
    expect(await logBytes(id)).toBeLessThanOrEqual(EVENT_LOG_BYTES);
    client.close();
    const again = await Client.open(id, visitor, { lastSeq: joinedAt });
    const snapshot = await again.next((f) => f.type === "snapshot", 5000, true);
    const last = snapshot.type === "snapshot" ? snapshot.snapshot.steps.at(-1) : undefined;
    expect(last?.output.startsWith(`${count - 1}:`)).toBe(true);
    again.close();
  });
});
