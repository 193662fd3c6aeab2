import { describe, expect, it } from "vitest";
import type { ServerFrame, StepData } from "../../protocol/frames";
import { parseServerFrame } from "../../protocol/frames";
import {
  addPending,
  applyServerFrame,
  type ChatState,
  makeChatState,
} from "../../web/src/state/chat";

function step(id: string, over: Partial<StepData> = {}): StepData {
  return {
    id,
    parentId: null,
    type: "assistant_message",
    name: "Assistant",
    output: "",
    createdAt: 1,
    order: 1,
    ...over,
  };
}

function run(frames: ServerFrame[], from: ChatState = makeChatState()): ChatState {
  return frames.reduce(applyServerFrame, from);
}

describe("applyServerFrame", () => {
  it("adds a step and appends streamed deltas in order", () => {
    const s = run([
      { type: "step", seq: 1, step: step("a", { streaming: true }) },
      { type: "delta", seq: 2, id: "a", text: "Hel" },
      { type: "delta", seq: 3, id: "a", text: "lo" },
    ]);
    expect(s.steps.a?.output).toBe("Hello");
    expect(s.seq).toBe(3);
  });

  it("replaces the text when a delta has replace", () => {
    const s = run([
      { type: "step", seq: 1, step: step("a", { output: "old" }) },
      { type: "delta", seq: 2, id: "a", text: "new", replace: true },
    ]);
    expect(s.steps.a?.output).toBe("new");
  });

  it("sets feedback on a step from a feedback event, keeping its streamed text", () => {
    const s = run([
      { type: "step", seq: 1, step: step("a", { streaming: true }) },
      { type: "delta", seq: 2, id: "a", text: "Hel" },
      { type: "feedback", seq: 3, id: "a", value: 0, comment: "meh" },
      { type: "delta", seq: 4, id: "a", text: "lo" },
      { type: "feedback", seq: 5, id: "a", value: 1 },
      { type: "feedback", seq: 6, id: "gone", value: 1 },
    ]);
    expect(s.steps.a?.output).toBe("Hello");
    expect(s.steps.a?.feedback).toEqual({ value: 1 });
    expect(s.steps.gone).toBeUndefined();
    expect(s.seq).toBe(6);
  });

  it("ignores events at or below the applied seq so a replay shows nothing twice", () => {
    const frames: ServerFrame[] = [
      { type: "step", seq: 1, step: step("a") },
      { type: "delta", seq: 2, id: "a", text: "x" },
    ];
    const once = run(frames);
    const twice = run([...frames, { type: "delta", seq: 2, id: "a", text: "x" }], makeChatState());
    expect(twice.steps.a?.output).toBe("x");
    expect(run(frames, once)).toBe(once);
  });

  it("returns the same object for a stale event (no store churn)", () => {
    const s = run([{ type: "task", seq: 5, running: true }]);
    expect(applyServerFrame(s, { type: "task", seq: 4, running: false })).toBe(s);
  });

  it("keeps untouched steps by identity when one step changes", () => {
    const s1 = run([
      { type: "step", seq: 1, step: step("a") },
      { type: "step", seq: 2, step: step("b", { order: 2 }) },
    ]);
    const s2 = applyServerFrame(s1, { type: "delta", seq: 3, id: "b", text: "t" });
    expect(s2.steps.a).toBe(s1.steps.a);
    expect(s2.steps.b).not.toBe(s1.steps.b);
    expect(s1.steps.b?.output).toBe("");
  });

  it("drops a delta for an unknown step but still advances seq", () => {
    const s = run([{ type: "delta", seq: 1, id: "nope", text: "x" }]);
    expect(s.steps).toEqual({});
    expect(s.seq).toBe(1);
  });

  it("removes steps and elements", () => {
    const s = run([
      { type: "step", seq: 1, step: step("a") },
      {
        type: "element",
        seq: 2,
        element: { id: "e", type: "image", name: "cat", display: "inline", forId: "a" },
      },
      { type: "remove", seq: 3, id: "a" },
      { type: "element_remove", seq: 4, id: "e" },
    ]);
    expect(s.steps).toEqual({});
    expect(s.elements).toEqual({});
  });

  it("tracks task, ask, settings and thread name", () => {
    const ask = { id: "q", kind: "text" as const, stepId: "a", deadline: 99 };
    const s = run([
      { type: "task", seq: 1, running: true },
      { type: "ask", seq: 2, ask },
      {
        type: "settings",
        seq: 3,
        widgets: [{ type: "switch", id: "s", label: "S" }],
        values: { s: true },
      },
      { type: "thread", seq: 4, threadId: "t", name: "Hi there" },
    ]);
    expect(s.running).toBe(true);
    expect(s.ask).toEqual(ask);
    expect(s.settings?.values).toEqual({ s: true });
    expect(s.threadName).toBe("Hi there");
    expect(run([{ type: "ask", seq: 5, ask: null }], s).ask).toBeNull();
  });

  it("replaces everything with a snapshot, whatever the seq", () => {
    const before = run([
      { type: "step", seq: 1, step: step("old") },
      { type: "task", seq: 2, running: true },
    ]);
    const s = applyServerFrame(before, {
      type: "snapshot",
      seq: 10,
      snapshot: {
        steps: [step("new", { output: "hi" })],
        elements: [],
        running: false,
        ask: null,
        settings: null,
        threadName: "T",
      },
    });
    expect(Object.keys(s.steps)).toEqual(["new"]);
    expect(s.running).toBe(false);
    expect(s.seq).toBe(10);
    expect(applyServerFrame(s, { type: "delta", seq: 10, id: "new", text: "!" })).toBe(s);
    expect(
      applyServerFrame(s, { type: "delta", seq: 11, id: "new", text: "!" }).steps.new?.output,
    ).toBe("hi!");
  });

  it("clears a pending user message when the server echoes its id", () => {
    let s = addPending(makeChatState(), { id: "m1", content: "hi", createdAt: 1 });
    expect(s.pending).toHaveLength(1);
    s = applyServerFrame(s, {
      type: "step",
      seq: 1,
      step: step("m1", { type: "user_message", output: "hi" }),
    });
    expect(s.pending).toHaveLength(0);
  });

  it("matches an echo with a server-made id to what we sent, by content, once", () => {
    let s = addPending(makeChatState(), { id: "c1", content: "hi", createdAt: 1 });
    s = addPending(s, { id: "c2", content: "hi", createdAt: 2 });
    s = applyServerFrame(s, {
      type: "step",
      seq: 1,
      step: step("srv1", { type: "user_message", output: "hi" }),
    });
    expect(s.pending.map((p) => p.id)).toEqual(["c2"]);
    s = applyServerFrame(s, {
      type: "step",
      seq: 2,
      step: step("srv1", { type: "user_message", output: "hi" }),
    });
    expect(s.pending.map((p) => p.id)).toEqual(["c2"]);
  });

  it("prefers metadata.clientId over content when the server reports it", () => {
    let s = addPending(makeChatState(), { id: "c1", content: "a", createdAt: 1 });
    s = addPending(s, { id: "c2", content: "a", createdAt: 2 });
    const echo = step("srv", { type: "user_message", output: "a", metadata: { clientId: "c2" } });
    s = applyServerFrame(s, { type: "step", seq: 1, step: echo });
    expect(s.pending.map((p) => p.id)).toEqual(["c1"]);
  });

  it("does not take an old message in a snapshot for the echo of a new one", () => {
    const now = 1_000_000;
    const s = applyServerFrame(
      addPending(makeChatState(), { id: "c1", content: "hi", createdAt: now }),
      {
        type: "snapshot",
        seq: 3,
        snapshot: {
          steps: [step("old", { type: "user_message", output: "hi", createdAt: now - 3_600_000 })],
          elements: [],
          running: false,
          ask: null,
          settings: null,
          threadName: null,
        },
      },
    );
    expect(s.pending.map((p) => p.id)).toEqual(["c1"]);
  });

  it("clears pending messages a snapshot already contains", () => {
    let s = addPending(makeChatState(), { id: "m1", content: "hi", createdAt: 1 });
    s = addPending(s, { id: "m2", content: "again", createdAt: 2 });
    // Echoed under its client id here; the content path is covered above.
    s = applyServerFrame(s, {
      type: "snapshot",
      seq: 3,
      snapshot: {
        steps: [step("m1", { type: "user_message" })],
        elements: [],
        running: true,
        ask: null,
        settings: null,
        threadName: null,
      },
    });
    expect(s.pending.map((p) => p.id)).toEqual(["m2"]);
  });

  it("records error replies and leaves seq alone", () => {
    const s = run([{ type: "error", code: "busy", message: "a task is running" }]);
    expect(s.error).toEqual({ code: "busy", message: "a task is running" });
    expect(s.seq).toBe(0);
  });

  it("drops the oldest pending message when the server refuses a message", () => {
    let s = addPending(makeChatState(), { id: "m1", content: "one", createdAt: 1 });
    s = addPending(s, { id: "m2", content: "two", createdAt: 2 });
    s = run([{ type: "error", code: "rate_limited", message: "slow down" }], s);
    expect(s.pending.map((p) => p.id)).toEqual(["m2"]);
    expect(s.error).toEqual({ code: "rate_limited", message: "slow down" });
    s = run([{ type: "error", code: "too_large", message: "too long" }], s);
    expect(s.pending).toEqual([]);
  });

  it("keeps pending messages on errors that are not about a message", () => {
    const s = run(
      [
        { type: "error", code: "not_found", message: "no action" },
        { type: "error", code: "rate_limited", message: "slow down", frame: "feedback" },
        { type: "error", code: "too_large", message: "answer too long", frame: "ask_reply" },
      ],
      addPending(makeChatState(), { id: "m1", content: "one", createdAt: 1 }),
    );
    expect(s.pending.map((p) => p.id)).toEqual(["m1"]);
    expect(s.error?.message).toBe("answer too long");
    const refused = run(
      [{ type: "error", code: "rate_limited", message: "slow down", frame: "message" }],
      s,
    );
    expect(refused.pending).toEqual([]);
  });

  it("applies frames exactly as parseServerFrame validates them", () => {
    const parsed = parseServerFrame(JSON.stringify({ type: "task", seq: 1, running: true }));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(applyServerFrame(makeChatState(), parsed.value).running).toBe(true);
  });
});
