import { describe, expect, it } from "vitest";
import type { StepType } from "../../protocol/frames";
import { buildTree, flatten, isAwaitingOutput, ROOT } from "../../web/src/state/tree";

const s = (id: string, type: StepType, parentId: string | null, order: number) => ({
  id,
  type,
  parentId,
  order,
  createdAt: 0,
});

const steps = [
  s("u", "user_message", null, 1),
  s("run", "run", null, 2),
  s("tool", "tool", "run", 3),
  s("llm", "llm", "tool", 4),
  s("inner", "tool", "llm", 5),
  s("msg", "assistant_message", "run", 6),
];

describe("buildTree", () => {
  it("draws every step in full mode, nested by parent, in server order", () => {
    const tree = buildTree(steps, "full");
    expect(tree.get(ROOT)).toEqual(["u", "run"]);
    expect(tree.get("run")).toEqual(["tool", "msg"]);
    expect(tree.get("tool")).toEqual(["llm"]);
    expect(flatten(tree)).toEqual(["u", "run", "tool", "llm", "inner", "msg"]);
  });

  it("keeps only tool steps in tool_call mode", () => {
    expect(flatten(buildTree(steps, "tool_call"))).toEqual(["u", "tool", "inner", "msg"]);
    expect(buildTree(steps, "tool_call").get("tool")).toEqual(["inner"]);
  });

  it("hides every step in hidden mode but keeps messages", () => {
    expect(flatten(buildTree(steps, "hidden"))).toEqual(["u", "msg"]);
  });

  it("sorts by order, not by arrival", () => {
    const tree = buildTree(
      [s("b", "assistant_message", null, 2), s("a", "user_message", null, 1)],
      "full",
    );
    expect(tree.get(ROOT)).toEqual(["a", "b"]);
  });

  it("survives a parent cycle in bad data", () => {
    const tree = buildTree(
      [s("x", "run", "y", 1), s("y", "run", "x", 2), s("m", "assistant_message", "x", 3)],
      "tool_call",
    );
    expect(tree.get(ROOT)).toEqual(["m"]);
  });
});

describe("isAwaitingOutput", () => {
  it("is true while running with nothing after the last user message", () => {
    expect(isAwaitingOutput(true, 0, ["assistant_message", "user_message"])).toBe(true);
    expect(isAwaitingOutput(true, 0, ["user_message", "tool"])).toBe(false);
    expect(isAwaitingOutput(false, 0, ["user_message"])).toBe(false);
    expect(isAwaitingOutput(true, 1, ["user_message", "assistant_message"])).toBe(true);
    expect(isAwaitingOutput(true, 0, [])).toBe(true);
  });
});
