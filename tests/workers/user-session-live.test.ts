/**
 * The Chainlit habit: an app stores a message in `cl.userSession`, sends it, and later works on
 * what `get` returns. Stored Edgelit objects come back as they are now, not as they were when
 * stored; within one instance `get` returns the very object, and plain values changed in place
 * are kept (written back when the hook ends), across a restart too.
 */
import { abortAllDurableObjects } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { Client, installHooks, newChat, say } from "./harness.js";

describe("userSession returns current objects", () => {
  it("a message stored before send() comes back as sent: removeActions and update work", async () => {
    let original: cl.Message | undefined;
    const same: boolean[] = [];
    installHooks({
      chatStart: async () => {
        const msg = new cl.Message({
          id: "menu-1",
          content: "menu",
          actions: [new cl.Action({ name: "a", label: "A" })],
        });
        cl.userSession.set("menu", msg);
        original = msg;
        await msg.send();
      },
      message: async (m) => {
        const menu = cl.userSession.get("menu") as cl.Message;
        if (m.content === "drop actions") {
          same.push(menu === original, cl.userSession.get("menu") === menu);
          await menu.removeActions();
        } else {
          menu.content = "menu v2";
          await menu.update();
        }
      },
    });
    const { visitor, id, client } = await newChat();
    await client.idle();
    client.send({ type: "message", id: "1", content: "drop actions" });
    const cleared = await client.next((f) => f.type === "step" && f.step.id === "menu-1");
    expect(cleared.type === "step" && cleared.step.actions).toBeUndefined();
    await client.idle();
    expect(same).toEqual([true, true]);
    client.close();

    // A fresh instance revives the message from the session's state: sent, without actions.
    await abortAllDurableObjects();
    const again = await Client.open(id, visitor, { lastSeq: client.lastSeq });
    again.send({ type: "message", id: "2", content: "update it" });
    const updated = await again.next((f) => f.type === "step" && f.step.id === "menu-1");
    expect(updated.type === "step" && updated.step.output).toBe("menu v2");
    expect(updated.type === "step" && updated.step.actions).toBeUndefined();
    await again.idle();
    again.close();
  });

  it("keeps plain values changed in place after get, in the instance and after a restart", async () => {
    const seen: unknown[] = [];
    installHooks({
      chatStart: () => {
        cl.userSession.set("history", ["a"]);
        cl.userSession.set("settings", { ok: true });
      },
      message: (m) => {
        const history = cl.userSession.get("history") as string[];
        if (m.content === "read") {
          seen.push([...history], cl.userSession.get("settings"));
          return;
        }
        history.push(m.content);
        seen.push(cl.userSession.get("history") === history);
        // A change in place that cannot be stored keeps the stored value (and warns).
        (cl.userSession.get("settings") as Record<string, unknown>).bad = () => 1;
      },
    });
    const { visitor, id, client } = await newChat();
    await client.idle();
    await say(client, "b");
    await say(client, "c");
    client.close();
    await abortAllDurableObjects();
    const again = await Client.open(id, visitor, { lastSeq: client.lastSeq });
    await say(again, "read");
    expect(seen).toEqual([true, true, ["a", "b", "c"], { ok: true }]);
    again.close();
  });
});
