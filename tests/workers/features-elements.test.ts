import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import type { ElementData, ServerFrame } from "../../protocol/frames.js";
import { Client, installHooks, newChat, newVisitor } from "./harness.js";

function elements(client: Client): ElementData[] {
  return client.frames.flatMap((f: ServerFrame) => (f.type === "element" ? [f.element] : []));
}

function errorCode(frame: ServerFrame): string {
  return frame.type === "error" ? frame.code : frame.type;
}

describe("elements", () => {
  it("sends elements of every display with a message, serves large content to the owner, removes one", async () => {
    installHooks({
      chatStart: async () => {
        const big = new cl.File({ name: "big.bin", content: new Uint8Array(70_000).fill(7) });
        const side = new cl.Text({ name: "notes", content: "side text", display: "side" });
        const page = new cl.Pdf({ name: "doc", url: "/public/doc.pdf", display: "page" });
        const img = new cl.Image({ name: "logo", url: "/public/logo.png", size: "small" });
        cl.userSession.set("side", side);
        await new cl.Message({
          content: "see notes and doc",
          elements: [big, side, page, img],
        }).send();
      },
      message: async () => {
        await (cl.userSession.get("side") as cl.Text).remove();
      },
    });
    const { visitor, client } = await newChat();
    await client.idle();
    const sent = elements(client);
    expect(sent.map((e) => [e.type, e.name, e.display])).toEqual([
      ["file", "big.bin", "inline"],
      ["text", "notes", "side"],
      ["pdf", "doc", "page"],
      ["image", "logo", "inline"],
    ]);
    expect(sent[1]?.content).toBe("side text");
    expect(sent[3]).toMatchObject({ url: "/public/logo.png", size: "small" });
    const url = `http://edgelit.test${sent[0]?.url}`;
    const res = await SELF.fetch(url, { headers: { cookie: visitor.cookie } });
    expect((await res.arrayBuffer()).byteLength).toBe(70_000);
    const stranger = await newVisitor();
    const refused = await SELF.fetch(url, { headers: { cookie: stranger.cookie } });
    expect(refused.status).toBe(404);
    await refused.arrayBuffer();
    client.send({ type: "message", id: "m", content: "remove" });
    const removed = await client.next((f) => f.type === "element_remove");
    expect(removed.type === "element_remove" && removed.id).toBe(sent[1]?.id);
  });

  it("stores a small file's content behind a URL, but keeps text inline", async () => {
    installHooks({
      chatStart: async () => {
        await new cl.File({ name: "tiny.txt", content: "tiny", mime: "text/plain" }).send();
        await new cl.Text({ name: "t", content: "inline" }).send();
      },
    });
    const { visitor, client } = await newChat();
    await client.idle();
    const [file, text] = elements(client);
    expect(file?.content).toBeUndefined();
    const res = await SELF.fetch(`http://edgelit.test${file?.url}`, {
      headers: { cookie: visitor.cookie },
    });
    expect(await res.text()).toBe("tiny");
    expect(text).toMatchObject({ content: "inline" });
    expect(text?.url).toBeUndefined();
  });

  it("refuses an element url that is not a public file or an http(s) URL", async () => {
    installHooks({
      chatStart: async () => {
        await new cl.Image({ name: "x", url: "javascript:alert(1)" }).send();
      },
    });
    const { client } = await newChat();
    const error = await client.next(
      (f) => f.type === "step" && f.step.name === "Error",
      5000,
      true,
    );
    expect(error.type === "step" && error.step.output).toMatch(/must be an app public file/);
    expect(elements(client)).toEqual([]);
  });

  it("updates a TaskList in place", async () => {
    installHooks({
      chatStart: async () => {
        const list = new cl.TaskList();
        const first = list.addTask(new cl.Task({ title: "Fetch", status: cl.TaskStatus.RUNNING }));
        list.addTask({ title: "Summarise" });
        await list.send();
        first.status = cl.TaskStatus.DONE;
        list.tasks[1]!.status = "failed";
        list.status = "Done";
        await list.send();
      },
    });
    const { visitor, id, client } = await newChat();
    await client.idle();
    const lists = elements(client).filter((e) => e.type === "tasklist");
    expect(lists).toHaveLength(2);
    expect(lists[0]?.id).toBe(lists[1]?.id);
    expect(JSON.parse(lists[1]?.content ?? "")).toEqual({
      title: "Done",
      status: "Done",
      tasks: [
        { title: "Fetch", status: "done" },
        { title: "Summarise", status: "failed" },
      ],
    });
    const reload = await Client.open(id, visitor);
    const snap = await reload.next((f) => f.type === "snapshot", 5000, true);
    expect(
      snap.type === "snapshot" && snap.snapshot.elements.filter((e) => e.type === "tasklist"),
    ).toHaveLength(1);
  });
});

describe("custom elements from the client", () => {
  async function withCustom() {
    const calls: unknown[] = [];
    installHooks({
      chatStart: async () => {
        await new cl.Message({
          content: "counter",
          elements: [
            new cl.CustomElement({ name: "Counter", props: { count: 0 }, id: "custom-1" }),
            new cl.Text({ name: "plain", content: "t", id: "text-1" }),
          ],
        }).send();
      },
      actions: new Map([["bump", (a: cl.Action) => void calls.push(a.payload)]]),
    });
    const { visitor, id, client } = await newChat();
    await client.idle();
    return { client, calls, id, visitor };
  }

  it("lets a custom element replace its props, seen by a reload", async () => {
    const { client, id, visitor } = await withCustom();
    client.send({ type: "element_props", id: "custom-1", props: { count: 3 } });
    const updated = await client.next((f) => f.type === "element" && f.element.id === "custom-1");
    expect(updated.type === "element" && updated.element.props).toEqual({ count: 3 });
    const reload = await Client.open(id, visitor);
    const snap = await reload.next((f) => f.type === "snapshot", 5000, true);
    const custom =
      snap.type === "snapshot" ? snap.snapshot.elements.find((e) => e.id === "custom-1") : null;
    expect(custom?.props).toEqual({ count: 3 });
    expect(custom?.name).toBe("Counter");
  });

  it("refuses props for other element types, unknown ids and oversized props; a client never sets a url", async () => {
    const { client } = await withCustom();
    const cases: [Record<string, unknown>, string][] = [
      [{ type: "element_props", id: "text-1", props: { x: 1 } }, "bad_frame"],
      [{ type: "element_props", id: "nope", props: {} }, "not_found"],
      [{ type: "element_props", id: "custom-1", props: { big: "x".repeat(20_000) } }, "too_large"],
      [{ type: "element_props", id: "custom-1", url: "/etc/passwd", props: {} }, "element"],
    ];
    for (const [frame, code] of cases) {
      client.send(JSON.stringify(frame));
      const got = await client.next((f) => f.type === "error" || f.type === "element");
      expect(errorCode(got), JSON.stringify(frame).slice(0, 60)).toBe(code);
      if (got.type === "element") expect(got.element.url).toBeUndefined();
    }
    // An element frame of any other shape is not a client frame at all.
    client.send(JSON.stringify({ type: "element", element: { id: "x", url: "/secret" } }));
    expect(errorCode(await client.next((f) => f.type === "error"))).toBe("bad_frame");
  });

  it("lets a custom element call an action callback with a data payload", async () => {
    const { client, calls } = await withCustom();
    client.send({
      type: "element_action",
      elementId: "custom-1",
      name: "bump",
      payload: { by: 2 },
    });
    await client.idle();
    client.send({ type: "element_action", elementId: "text-1", name: "bump" });
    expect(errorCode(await client.next((f) => f.type === "error"))).toBe("bad_frame");
    client.send({ type: "element_action", elementId: "custom-1", name: "missing" });
    expect(errorCode(await client.next((f) => f.type === "error"))).toBe("not_found");
    expect(calls).toEqual([{ by: 2 }]);
  });
});
