import { abortAllDurableObjects } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { Client, installHooks, newChat } from "./harness.js";

describe("userSession", () => {
  it("keeps values and live Edgelit objects across a forced restart of the object", async () => {
    const results: unknown[] = [];
    installHooks({
      chatStart: async () => {
        cl.userSession.set("counter", 41);
        const msg = await new cl.Message({
          content: "pick",
          actions: [new cl.Action({ name: "a", payload: { v: 1 }, label: "A" })],
        }).send();
        cl.userSession.set("menu", msg);
      },
      message: async () => {
        const counter = cl.userSession.get<number>("counter")! + 1;
        cl.userSession.set("counter", counter);
        const menu = cl.userSession.get("menu") as cl.Message;
        results.push(counter, menu instanceof cl.Message, menu.actions[0] instanceof cl.Action);
        await menu.removeActions();
        results.push(
          cl.userSession.get("id"),
          (cl.userSession.get("user") as cl.User).identifier.startsWith("visitor:"),
        );
        results.push(cl.userSession.get("env"));
      },
    });
    const { visitor, id, client } = await newChat({ env: { TEST_KEY: "k", OTHER: "dropped" } });
    await client.idle();
    client.close();
    await abortAllDurableObjects();
    const again = await Client.open(id, visitor, { lastSeq: client.lastSeq });
    again.send({ type: "message", id: "1", content: "next" });
    const cleared = await again.next(
      (f) => f.type === "step" && f.step.output === "pick" && !f.step.actions,
    );
    expect(cleared.type).toBe("step");
    await again.idle();
    expect(results).toEqual([42, true, true, id, true, { TEST_KEY: "k" }]);
  });

  it("refuses values that cannot be stored, with a clear error", async () => {
    const errors: string[] = [];
    installHooks({
      message: async () => {
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        for (const bad of [() => 1, cyclic, new Map(), { deep: [1, Number.NaN] }]) {
          try {
            cl.userSession.set("bad", bad);
          } catch (err) {
            errors.push((err as Error).message);
          }
        }
        cl.userSession.set("ok", { nested: [1, "two", null, true] });
        errors.push(JSON.stringify(cl.userSession.get("ok")));
      },
    });
    const { client } = await newChat();
    client.send({ type: "message", id: "1", content: "x" });
    await client.idle();
    expect(errors).toEqual([
      'userSession "bad" is a function; only JSON values can be stored',
      'userSession "bad".self refers back to itself (a cycle)',
      'userSession "bad" is a Map; only JSON values and Edgelit objects can be stored',
      'userSession "bad".deep[1] is NaN, not a JSON number',
      '{"nested":[1,"two",null,true]}',
    ]);
  });
});
