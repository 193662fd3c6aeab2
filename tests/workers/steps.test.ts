import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import type { StepData } from "../../protocol/frames.js";
import { installHooks, newChat } from "./harness.js";

async function run(message: (m: cl.Message) => Promise<void>) {
  installHooks({ message });
  const { client } = await newChat();
  client.send({ type: "message", id: "1", content: "go" });
  await client.idle();
  const steps = new Map<string, StepData>();
  for (const f of client.frames) if (f.type === "step") steps.set(f.step.id, f.step);
  return [...steps.values()];
}

describe("steps", () => {
  it("nests steps and messages under the step that runs, with input and output", async () => {
    const search = cl.step({ type: "tool" }, async function search(q: string) {
      await new cl.Message("inside").send();
      return `results for ${q}`;
    });
    const steps = await run(async () => {
      await cl.withStep({ name: "plan", type: "run" }, async (outer) => {
        outer.input = "question";
        await search("edge");
        outer.output = "planned";
      });
    });
    const outer = steps.find((s) => s.name === "plan")!;
    const tool = steps.find((s) => s.name === "search")!;
    const inner = steps.find((s) => s.output === "inside")!;
    expect(tool.parentId).toBe(outer.id);
    expect(inner.parentId).toBe(tool.id);
    expect([tool.type, tool.input, tool.output, tool.running]).toEqual([
      "tool",
      "edge",
      "results for edge",
      false,
    ]);
    expect([outer.input, outer.output, outer.running]).toEqual(["question", "planned", false]);
    expect(outer.order).toBeLessThan(tool.order);
  });

  it("marks a throwing step as an error with the message as output, and propagates", async () => {
    let caught = "";
    const steps = await run(async () => {
      try {
        await cl.withStep({ name: "fails", type: "tool" }, async () => {
          throw new Error("tool broke");
        });
      } catch (err) {
        caught = (err as Error).message;
      }
    });
    const failed = steps.find((s) => s.name === "fails")!;
    expect([failed.isError, failed.output, failed.running]).toEqual([true, "tool broke", false]);
    expect(caught).toBe("tool broke");
  });

  it("streams into a step and keeps options", async () => {
    const steps = await run(async () => {
      await cl.withStep(
        { name: "think", type: "llm", showInput: "json", defaultOpen: true, language: "md" },
        async (s) => {
          await s.streamToken("a");
          await s.streamToken("b");
        },
      );
    });
    const think = steps.find((s) => s.name === "think")!;
    expect([
      think.output,
      think.showInput,
      think.defaultOpen,
      think.language,
      think.streaming,
    ]).toEqual(["ab", "json", true, "md", undefined]);
  });
});
