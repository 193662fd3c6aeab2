import { abortAllDurableObjects, SELF } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { useAlarmClock } from "./alarms.js";
import { Client, installHooks, newChat, newSession, newVisitor, transcript } from "./harness.js";

describe("session lifecycle", () => {
  let calls: string[];
  beforeEach(() => {
    calls = [];
    installHooks({
      chatStart: async () => {
        calls.push("start");
        await new cl.Message("Welcome!").send();
      },
      message: async (m) => {
        calls.push(`message:${m.content}`);
        await new cl.Message(`echo: ${m.content}`).send();
      },
    });
  });

  it("runs onChatStart once, then onMessage per message, in order", async () => {
    const { client } = await newChat();
    await client.idle();
    client.send({ type: "message", id: "a", content: "one" });
    await client.idle();
    client.send({ type: "message", id: "b", content: "two" });
    await client.idle();
    expect(calls).toEqual(["start", "message:one", "message:two"]);
    const outputs = [...transcript(client.frames).values()].map((s) => `${s.type}:${s.output}`);
    expect(outputs).toEqual([
      "assistant_message:Welcome!",
      "user_message:one",
      "assistant_message:echo: one",
      "user_message:two",
      "assistant_message:echo: two",
    ]);
  });

  it("takes a message sent right behind hello, before ready, after onChatStart has begun", async () => {
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    const res = await SELF.fetch(`http://edgelit.test/ws/${id}`, {
      headers: { Upgrade: "websocket", cookie: visitor.cookie },
    });
    const ws = res.webSocket;
    if (!ws) throw new Error(`upgrade refused: ${res.status}`);
    ws.accept();
    const frames: { type: string; running?: boolean; step?: { output: string } }[] = [];
    const echoed = new Promise<void>((resolve) =>
      ws.addEventListener("message", (e) => {
        const frame = JSON.parse(String(e.data));
        frames.push(frame);
        if (frame.type === "step" && frame.step.output === "echo: early") resolve();
      }),
    );
    ws.send(JSON.stringify({ type: "hello", lastSeq: 0 }));
    ws.send(JSON.stringify({ type: "message", id: "early", content: "early" }));
    await Promise.race([
      echoed,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(JSON.stringify(frames.slice(-4)))), 5000),
      ),
    ]);
    expect(frames.filter((f) => f.type === "error")).toEqual([]);
    expect(calls).toEqual(["start", "message:early"]);
    ws.close();
  });

  it("does not run onChatStart again on reconnect, reload or after the object restarts", async () => {
    const { visitor, id, client: first } = await newChat();
    await first.idle();
    first.close();
    const again = await Client.open(id, visitor, { lastSeq: first.lastSeq });
    again.close();
    await abortAllDurableObjects();
    const reload = await Client.open(id, visitor);
    const snapshot = await reload.next((f) => f.type === "snapshot", 5000, true);
    expect(snapshot.type === "snapshot" && snapshot.snapshot.steps.map((s) => s.output)).toEqual([
      "Welcome!",
    ]);
    expect(calls).toEqual(["start"]);
  });

  it("runs a message sent twice with the same client id once (resend after reconnect)", async () => {
    const { client } = await newChat();
    await client.idle();
    client.send({ type: "message", id: "same", content: "hi" });
    await client.idle();
    client.send({ type: "message", id: "same", content: "hi" });
    client.send({ type: "ping" });
    await client.next((f) => f.type === "pong");
    expect(calls).toEqual(["start", "message:hi"]);
  });

  it("turns a throwing hook into an error message and keeps the session usable", async () => {
    installHooks({
      message: async (m) => {
        if (m.content === "boom") throw new Error("kaboom");
        await new cl.Message("fine").send();
      },
    });
    const { client } = await newChat();
    client.send({ type: "message", id: "1", content: "boom" });
    const error = await client.next((f) => f.type === "step" && f.step.isError === true);
    expect(error.type === "step" && [error.step.name, error.step.output]).toEqual([
      "Error",
      "kaboom",
    ]);
    await client.idle();
    client.send({ type: "message", id: "2", content: "again" });
    const ok = await client.next((f) => f.type === "step" && f.step.output === "fine");
    expect(ok.type).toBe("step");
  });

  it("runs onChatEnd when no client is connected for session_timeout, and onChatResume on reopen", async () => {
    const ended: string[] = [];
    installHooks({
      chatStart: () => undefined,
      chatEnd: () => {
        ended.push(cl.userSession.get("id") as string);
      },
      chatResume: async (thread) => {
        await new cl.Message(`resumed ${thread.name}`).send();
      },
      message: async () => undefined,
    });
    const { visitor, id, client } = await newChat();
    client.send({ type: "message", id: "m", content: "my thread" });
    await client.idle();
    // session_timeout is 2 s in the fixture config: the session's alarm, run 1.5 s later on
    // the clock, leaves it running; run once the 2 s are over, it ends it.
    const clock = useAlarmClock();
    client.close();
    await clock.runAlarm(id, 1500);
    // Sessions of earlier tests in this file may end meanwhile: only this one's end counts.
    expect(ended).not.toContain(id);
    // The close may reach the object only after the clock moved (a loaded machine): its
    // session_timeout then counts from the moved time, so each try moves the clock further.
    let at = 10_000;
    await vi.waitFor(
      async () => {
        at += 5_000;
        await clock.runAlarm(id, at);
        expect(ended.filter((e) => e === id)).toEqual([id]);
      },
      { timeout: 10_000, interval: 100 },
    );
    clock.restore();
    const back = await Client.open(id, visitor);
    const resumed = await back.next(
      (f) => f.type === "step" && f.step.output.startsWith("resumed"),
    );
    expect(resumed.type === "step" && resumed.step.output).toBe("resumed my thread");
  });

  it("ends the session at once when the user starts a new chat (close code 4000)", async () => {
    const ended: string[] = [];
    installHooks({ chatEnd: () => void ended.push(cl.userSession.get("id") as string) });
    const { id, client } = await newChat();
    client.close(4000);
    // Real time for the close to reach the object; no alarm is involved. Sessions of earlier
    // tests may reach their session_timeout meanwhile: only this one's end counts.
    await new Promise((r) => setTimeout(r, 300));
    expect(ended.filter((e) => e === id)).toHaveLength(1);
  });
});
