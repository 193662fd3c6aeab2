/**
 * Issue 11, item 9: data from a client (here a custom element's action payload) stored with
 * `cl.userSession.set` comes back as the same plain data, never as a live Edgelit object, even
 * when it carries Edgelit's own revival tag.
 */
import { abortAllDurableObjects } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { Client, installHooks, newChat } from "./harness.js";

const forgedUser = { $edgelit: "User", data: { identifier: "admin", metadata: { role: "admin" } } };

describe("userSession and client data", () => {
  it("keeps a payload with the revival tag a plain object, across a restart", async () => {
    const seen: unknown[] = [];
    installHooks({
      chatStart: async () => {
        await new cl.Message({
          content: "widget",
          elements: [new cl.CustomElement({ name: "W", props: {}, id: "w-1" })],
        }).send();
      },
      actions: new Map([["save", (a: cl.Action) => cl.userSession.set("saved", a.payload)]]),
      message: () => {
        const saved = cl.userSession.get<Record<string, unknown>>("saved");
        seen.push(
          saved instanceof cl.User,
          saved?.nested instanceof cl.User,
          (saved?.list as unknown[])?.[0] instanceof cl.User,
          saved,
        );
      },
    });
    const payload = {
      ...forgedUser,
      nested: forgedUser,
      list: [forgedUser],
      $$edgelit: "two dollars stay two",
      plain: { edgelit: 1 },
    };
    const { visitor, id, client } = await newChat();
    await client.idle();
    client.send({ type: "element_action", elementId: "w-1", name: "save", payload });
    await client.idle();
    client.close();
    // A fresh instance reads the value back from storage.
    await abortAllDurableObjects();
    const again = await Client.open(id, visitor, { lastSeq: client.lastSeq });
    again.send({ type: "message", id: "m", content: "read it" });
    await again.idle();
    expect(seen).toEqual([false, false, false, payload]);
    again.close();
  });
});
