import { beforeAll, describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { STEP_PREVIEW_CHARS } from "../../protocol/frames.js";
import type { ThreadDetail } from "../../worker/threads.js";
import { api, d1Steps } from "./d1.js";
import { Client, installHooks, newChat, newSession, newVisitor, type Visitor } from "./harness.js";

const MESSAGES = 1000;
/** A typical chat line (~120 characters). */
const LINE =
  "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs. ";

/** Budgets for a 1,000-message thread, locally (workerd). */
const SNAPSHOT_BUDGET_BYTES = 400 * 1024;
const OPEN_BUDGET_MS = 1000;

describe("opening a 1,000-message thread", () => {
  let visitor: Visitor;
  let id: string;

  beforeAll(async () => {
    installHooks({
      message: async (m) => {
        // One user message + 999 answers: 1,000 messages, as a long conversation leaves them.
        for (let i = 1; i < MESSAGES; i++) {
          await new cl.Message(`${i}. ${LINE}${m.content}`).send();
        }
      },
    });
    visitor = await newVisitor();
    id = await newSession(visitor);
    const writer = await Client.open(id, visitor);
    writer.send({ type: "message", id: "seed", content: "seed" });
    await writer.idle(20_000);
    writer.close();
  }, 30_000);

  it("sends one snapshot of bounded size within a second of hello, and D1 has every message", async () => {
    const started = performance.now();
    const reader = await Client.open(id, visitor);
    const frame = await reader.next((f) => f.type === "snapshot", 5000, true);
    const ms = performance.now() - started;
    const bytes = new TextEncoder().encode(JSON.stringify(frame)).length;
    reader.close();
    expect(frame.type === "snapshot" && frame.snapshot.steps).toHaveLength(MESSAGES);

    const restStarted = performance.now();
    const res = await api(visitor, `/api/threads/${id}`);
    const detail = (await res.json()) as ThreadDetail;
    const restMs = performance.now() - restStarted;
    expect(detail.steps).toHaveLength(MESSAGES);
    expect((await d1Steps(id)).length).toBe(MESSAGES);

    console.log(
      JSON.stringify({
        bench: "thread-open",
        messages: MESSAGES,
        snapshotBytes: bytes,
        helloToSnapshotMs: Math.round(ms),
        restThreadMs: Math.round(restMs),
      }),
    );
    expect(bytes).toBeLessThan(SNAPSHOT_BUDGET_BYTES);
    expect(ms).toBeLessThan(OPEN_BUDGET_MS);
  });
});

describe("a step whose input holds a long prompt", () => {
  it("reaches a snapshot as a preview; its owner reads the whole text, nobody else", async () => {
    const prompt = JSON.stringify(
      Array.from({ length: 400 }, (_, i) => ({ role: "user", content: `${i} ${LINE}` })),
      null,
      2,
    );
    const answer = `${"done ".repeat(1000)}end`;
    installHooks({
      message: async () => {
        await cl.withStep({ name: "gpt", type: "llm", showInput: "json" }, async (step) => {
          step.input = prompt;
          step.output = answer;
        });
        await new cl.Message("short answer").send();
      },
    });
    const { visitor, id, client: writer } = await newChat();
    writer.send({ type: "message", id: "m1", content: "go" });
    await writer.idle(10_000);
    // Live, the client got the step whole.
    const live = writer.frames.findLast((f) => f.type === "step" && f.step.type === "llm");
    expect(live?.type === "step" && live.step.input).toBe(prompt);
    writer.close();

    const reader = await Client.open(id, visitor);
    const frame = await reader.next((f) => f.type === "snapshot", 5000, true);
    reader.close();
    if (frame.type !== "snapshot") throw new Error("no snapshot");
    const llm = frame.snapshot.steps.find((s) => s.type === "llm");
    expect(llm?.input).toBe(prompt.slice(0, STEP_PREVIEW_CHARS));
    expect(llm?.output).toBe(answer.slice(0, STEP_PREVIEW_CHARS));
    expect(llm?.truncated).toEqual({ input: prompt.length, output: answer.length });
    // Messages are never cut.
    expect(frame.snapshot.steps.find((s) => s.type === "assistant_message")?.truncated).toBe(
      undefined,
    );

    const res = await api(visitor, `/api/sessions/${id}/steps/${llm?.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ input: prompt, output: answer });

    const stranger = await newVisitor();
    const denied = await api(stranger, `/api/sessions/${id}/steps/${llm?.id}`);
    expect(denied.status).toBe(404);
    await denied.arrayBuffer();
    const missing = await api(visitor, `/api/sessions/${id}/steps/no-such-step`);
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
  });
});
