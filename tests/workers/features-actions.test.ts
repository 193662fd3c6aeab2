import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import type { ServerFrame, StepData } from "../../protocol/frames.js";
import { type Client, installHooks, newChat } from "./harness.js";

function lastStep(client: Client, pred: (s: StepData) => boolean): StepData | undefined {
  const steps = client.frames.flatMap((f: ServerFrame) => (f.type === "step" ? [f.step] : []));
  return steps.filter(pred).at(-1);
}

describe("actions", () => {
  it("runs the callback by name (with or without an argument); action.remove and removeActions", async () => {
    const calls: string[] = [];
    installHooks({
      chatStart: async () => {
        await new cl.Message({
          content: "menu",
          actions: [
            new cl.Action({ name: "once", payload: { n: 1 }, label: "Once", id: "a-once" }),
            new cl.Action({ name: "plain", label: "Plain", id: "a-plain" }),
            new cl.Action({ name: "clear", label: "Clear", id: "a-clear" }),
          ],
        }).send();
      },
      actions: new Map<string, (a: cl.Action) => unknown>([
        [
          "once",
          async (action) => {
            calls.push(`once:${JSON.stringify(action.payload)}`);
            await action.remove();
          },
        ],
        ["plain", () => void calls.push("plain")],
        [
          "clear",
          async (action) => {
            calls.push("clear");
            const step = cl.chatContext.get().find((m) => m.id === action.forId);
            await step?.removeActions();
          },
        ],
      ]),
    });
    const { client } = await newChat();
    await client.idle();
    client.send({ type: "action", id: "a-once" });
    await client.idle();
    expect(lastStep(client, (s) => s.output === "menu")?.actions?.map((a) => a.id)).toEqual([
      "a-plain",
      "a-clear",
    ]);
    client.send({ type: "action", id: "a-once" });
    const gone = await client.next((f) => f.type === "error");
    expect(gone.type === "error" && gone.code).toBe("not_found");
    client.send({ type: "action", id: "a-plain" });
    await client.idle();
    client.send({ type: "action", id: "a-clear" });
    await client.idle();
    expect(lastStep(client, (s) => s.output === "menu")?.actions ?? []).toEqual([]);
    expect(calls).toEqual(['once:{"n":1}', "plain", "clear"]);
  });

  it("refuses a forged action id and an action whose name has no callback", async () => {
    installHooks({
      chatStart: async () => {
        await new cl.Message({
          content: "x",
          actions: [new cl.Action({ name: "unhandled", id: "a-unhandled" })],
        }).send();
      },
    });
    const { client } = await newChat();
    await client.idle();
    for (const forged of ["a-forged", "a-unhandled"]) {
      client.send({ type: "action", id: forged });
      const error = await client.next((f) => f.type === "error");
      expect(error.type === "error" && error.code).toBe("not_found");
    }
  });
});
