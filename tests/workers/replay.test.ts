import { abortAllDurableObjects } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { isServerEvent } from "../../protocol/frames.js";
import { Client, installHooks, newChat, transcript } from "./harness.js";

describe("replay after a dropped socket", () => {
  it("sends exactly the missing events: no gap, no duplicate, then live events", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    installHooks({
      message: async () => {
        const msg = new cl.Message({ content: "" });
        for (let i = 0; i < 50; i++) await msg.streamToken(`a${i} `);
        await cl.sleep(0.05);
        await gate;
        for (let i = 0; i < 50; i++) await msg.streamToken(`b${i} `);
        await msg.send();
      },
    });
    const { visitor, id, client: first } = await newChat();
    first.send({ type: "message", id: "1", content: "go" });
    await first.next((f) => f.type === "delta");
    // Real time for the first 50 tokens to stream (the hook waits on the gate, not an alarm).
    await new Promise((r) => setTimeout(r, 100));
    first.close();
    const seenBefore = first.lastSeq;
    release();
    // Real time for the second 50 to stream while no client is connected.
    await new Promise((r) => setTimeout(r, 100));

    const second = await Client.open(id, visitor, { lastSeq: seenBefore });
    await second.idle();
    const seqs = second.frames.flatMap((f) => (isServerEvent(f) ? [f.seq] : []));
    expect(seqs[0]).toBe(seenBefore + 1);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seenBefore + 1 + i));
    expect(second.frames.some((f) => f.type === "snapshot")).toBe(false);

    const all = transcript([...first.frames, ...second.frames]);
    const answer = [...all.values()].find((s) => s.type === "assistant_message");
    const expected = `${Array.from({ length: 50 }, (_, i) => `a${i} `).join("")}${Array.from({ length: 50 }, (_, i) => `b${i} `).join("")}`;
    expect(answer?.output).toBe(expected);
  });

  it("gives a fresh client a snapshot with the streamed text so far", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    installHooks({
      message: async () => {
        const msg = new cl.Message({ content: "" });
        await msg.streamToken("partial ");
        await msg.streamToken("text");
        await cl.sleep(0.05);
        await gate;
        await msg.send();
      },
    });
    const { visitor, id, client: first } = await newChat();
    first.send({ type: "message", id: "1", content: "go" });
    await first.next((f) => f.type === "delta");
    // Real time for the partial text to stream before the second client comes.
    await new Promise((r) => setTimeout(r, 60));
    const fresh = await Client.open(id, visitor);
    const snap = await fresh.next((f) => f.type === "snapshot", 2000, true);
    const streaming =
      snap.type === "snapshot"
        ? snap.snapshot.steps.find((s) => s.type === "assistant_message")
        : null;
    expect([
      streaming?.output,
      streaming?.streaming,
      snap.type === "snapshot" && snap.snapshot.running,
    ]).toEqual(["partial text", true, true]);
    release();
    await fresh.idle();
  });

  it("ends a hook cut off by a restart cleanly and visibly; the session stays usable", async () => {
    installHooks({
      message: async (m) => {
        if (m.content === "hang") {
          const msg = new cl.Message({ content: "" });
          await msg.streamToken("half an answer");
          await new Promise(() => undefined);
        }
        await new cl.Message("after restart").send();
      },
    });
    const { visitor, id, client: first } = await newChat();
    first.send({ type: "message", id: "1", content: "hang" });
    await first.next((f) => f.type === "delta");
    await abortAllDurableObjects();
    const back = await Client.open(id, visitor);
    const snap = await back.next((f) => f.type === "snapshot", 2000, true);
    if (snap.type !== "snapshot") throw new Error("no snapshot");
    const cut = snap.snapshot.steps.find((s) => s.output === "half an answer");
    expect([cut?.streaming, cut?.metadata?.interrupted, snap.snapshot.running]).toEqual([
      undefined,
      true,
      false,
    ]);
    expect(snap.snapshot.steps.at(-1)?.output).toBe(
      "The server restarted and interrupted this answer.",
    );
    back.send({ type: "message", id: "2", content: "again" });
    const ok = await back.next((f) => f.type === "step" && f.step.output === "after restart");
    expect(ok.type).toBe("step");
  });
});
