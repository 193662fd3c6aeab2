import { abortAllDurableObjects } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import type { AskData, ServerFrame } from "../../protocol/frames.js";
import { useAlarmClock } from "./alarms.js";
import { Client, installHooks, newChat, transcript } from "./harness.js";
import { upload } from "./uploads.js";

async function openAsk(client: Client, past = true): Promise<AskData> {
  const frame = await client.next(
    (f) =>
      (f.type === "ask" && f.ask !== null) || (f.type === "snapshot" && f.snapshot.ask !== null),
    5000,
    past,
  );
  const ask =
    frame.type === "ask" ? frame.ask : frame.type === "snapshot" ? frame.snapshot.ask : null;
  if (!ask) throw new Error("no ask");
  return ask;
}

function errorCode(frame: ServerFrame): string {
  return frame.type === "error" ? frame.code : frame.type;
}

function outputs(client: Client): string[] {
  return [...transcript(client.frames).values()].map((s) => `${s.type}:${s.output}`);
}

describe("asks", () => {
  it("resolves an AskUserMessage with the typed answer, which is not an onMessage", async () => {
    const seen: string[] = [];
    installHooks({
      chatStart: async () => {
        const res = await new cl.AskUserMessage({ content: "Name?", timeout: 30 }).send();
        await new cl.Message(`Hello ${res?.output}`).send();
      },
      message: (m) => void seen.push(m.content),
    });
    const { client } = await newChat();
    const ask = await openAsk(client);
    expect(ask.kind).toBe("text");
    client.send({ type: "ask_reply", askId: ask.id, text: "Ada" });
    await client.next((f) => f.type === "step" && f.step.output === "Hello Ada");
    expect(seen).toEqual([]);
    expect(outputs(client)).toEqual([
      "assistant_message:Name?",
      "user_message:Ada",
      "assistant_message:Hello Ada",
    ]);
  });

  it("times out through the Durable Object alarm and resolves to undefined", async () => {
    installHooks({
      chatStart: async () => {
        const res = await new cl.AskUserMessage({ content: "Quick?", timeout: 60 }).send();
        await new cl.Message(res === undefined ? "timed out" : "answered").send();
      },
    });
    const { id, client } = await newChat();
    const ask = await openAsk(client);
    // A minute later on the clock, the session's alarm ends the ask (no real minute passes).
    const clock = useAlarmClock();
    const timedOut = client.next((f) => f.type === "step" && f.step.output === "timed out", 5000);
    await vi.waitFor(() => clock.runAlarm(id, 61_000).then((ran) => expect(ran).toBe(true)), {
      timeout: 5000,
      interval: 100,
    });
    await timedOut;
    clock.restore();
    expect(client.frames.some((f) => f.type === "ask" && f.ask === null)).toBe(true);
    client.send({ type: "ask_reply", askId: ask.id, text: "late" });
    expect(errorCode(await client.next((f) => f.type === "error"))).toBe("ask_closed");
  });

  it("keeps waiting across a reconnect and a reload: the prompt comes back in the snapshot", async () => {
    installHooks({
      chatStart: async () => {
        const res = await new cl.AskUserMessage({ content: "Still there?", timeout: 30 }).send();
        await new cl.Message(`answer: ${res?.output}`).send();
      },
    });
    const { visitor, id, client: first } = await newChat();
    const ask = await openAsk(first);
    first.close();
    const again = await Client.open(id, visitor, { lastSeq: first.lastSeq });
    again.close();
    const reload = await Client.open(id, visitor);
    expect((await openAsk(reload)).id).toBe(ask.id);
    reload.send({ type: "ask_reply", askId: ask.id, text: "yes" });
    await reload.next((f) => f.type === "step" && f.step.output === "answer: yes");
  });

  it("ends an ask cut off by a restart with a notice; the session stays usable", async () => {
    installHooks({
      chatStart: async () => {
        await new cl.AskUserMessage({ content: "Waiting…", timeout: 60 }).send();
        await new cl.Message("never reached").send();
      },
      message: async (m) => void (await new cl.Message(`echo ${m.content}`).send()),
    });
    const { visitor, id, client: first } = await newChat();
    const ask = await openAsk(first);
    await abortAllDurableObjects();
    const client = await Client.open(id, visitor);
    const snapshot = await client.next((f) => f.type === "snapshot", 5000, true);
    if (snapshot.type !== "snapshot") throw new Error("no snapshot");
    expect(snapshot.snapshot.ask).toBeNull();
    expect(snapshot.snapshot.running).toBe(false);
    expect(snapshot.snapshot.steps.map((s) => s.output)).toContain(
      "The server restarted while waiting for your answer; that question was cancelled.",
    );
    client.send({ type: "ask_reply", askId: ask.id, text: "too late" });
    expect(errorCode(await client.next((f) => f.type === "error"))).toBe("ask_closed");
    client.send({ type: "message", id: "after", content: "hi" });
    await client.next((f) => f.type === "step" && f.step.output === "echo hi");
    expect(outputs(client)).not.toContain("assistant_message:never reached");
  });

  it("shows what was selected after an AskActionMessage and refuses a choice not offered", async () => {
    installHooks({
      chatStart: async () => {
        const res = await new cl.AskActionMessage({
          content: "Pick one",
          actions: [
            new cl.Action({ name: "yes", payload: { v: 1 }, label: "Yes", id: "act-yes" }),
            new cl.Action({ name: "no", payload: { v: 0 }, label: "No", id: "act-no" }),
          ],
          timeout: 30,
        }).send();
        await new cl.Message(`payload ${JSON.stringify(res?.payload)}`).send();
      },
    });
    const { client } = await newChat();
    const ask = await openAsk(client);
    expect(ask.actions?.map((a) => a.id)).toEqual(["act-yes", "act-no"]);
    client.send({ type: "ask_reply", askId: ask.id, actionId: "forged" });
    expect(errorCode(await client.next((f) => f.type === "error"))).toBe("not_found");
    client.send({ type: "ask_reply", askId: ask.id, text: "typed instead" });
    expect(errorCode(await client.next((f) => f.type === "error"))).toBe("not_found");
    client.send({ type: "ask_reply", askId: ask.id, actionId: "act-no" });
    await client.next((f) => f.type === "step" && f.step.output === 'payload {"v":0}');
    expect(outputs(client)[0]).toBe("assistant_message:Pick one\n\n**Selected:** No");
  });

  it("refuses a text answer without text and a file answer without files", async () => {
    installHooks({
      chatStart: async () => {
        await new cl.AskUserMessage({ content: "Text?", timeout: 30 }).send();
      },
    });
    const { client } = await newChat();
    const ask = await openAsk(client);
    client.send({ type: "ask_reply", askId: ask.id, files: [crypto.randomUUID()] });
    expect(errorCode(await client.next((f) => f.type === "error"))).toBe("bad_frame");
    client.send({ type: "ask_reply", askId: ask.id, text: "ok" });
    await client.idle();
  });
});

describe("AskFileMessage", () => {
  it("takes the ask's limits for uploads, resolves to the files, and shows them", async () => {
    const got: string[] = [];
    installHooks({
      chatStart: async () => {
        const files = await new cl.AskFileMessage({
          content: "Upload a text file",
          accept: { "text/plain": [".txt"] },
          maxSizeMb: 0.01,
          maxFiles: 1,
          timeout: 30,
        }).send();
        for (const f of files ?? [])
          got.push(`${f.name}|${f.mime}|${f.size}|${f.type}|${await f.text()}`);
        await new cl.Message(`files: ${files?.length}`).send();
      },
    });
    const { visitor, id, client } = await newChat();
    const ask = await openAsk(client);
    expect(ask).toMatchObject({ kind: "file", maxSizeMb: 0.01, maxFiles: 1 });
    expect((await upload(id, visitor, "x.png", "png", "image/png")).status).toBe(415);
    expect((await upload(id, visitor, "big.txt", "x".repeat(20_000))).status).toBe(413);
    const ok = await upload(id, visitor, "ok.txt", "the answer");
    expect(ok.status).toBe(201);
    expect((await upload(id, visitor, "two.txt", "second")).status).toBe(400);
    // A file answer is only an upload made for this ask, never a forged id.
    client.send({ type: "ask_reply", askId: ask.id, files: [crypto.randomUUID()] });
    expect(errorCode(await client.next((f) => f.type === "error"))).toBe("not_found");
    client.send({ type: "ask_reply", askId: ask.id, files: [ok.body.id ?? ""] });
    await client.next((f) => f.type === "step" && f.step.output === "files: 1");
    expect(got).toEqual(["ok.txt|text/plain|10|file|the answer"]);
    const element = client.frames.find((f) => f.type === "element");
    expect(element?.type === "element" && element.element.name).toBe("ok.txt");
  });

  it("resolves to undefined on timeout", async () => {
    installHooks({
      chatStart: async () => {
        const files = await new cl.AskFileMessage({ content: "Upload", timeout: 60 }).send();
        await new cl.Message(files === undefined ? "no files" : "files").send();
      },
    });
    const { id, client } = await newChat();
    await openAsk(client);
    const clock = useAlarmClock();
    const none = client.next((f) => f.type === "step" && f.step.output === "no files", 5000);
    await vi.waitFor(() => clock.runAlarm(id, 61_000).then((ran) => expect(ran).toBe(true)), {
      timeout: 5000,
      interval: 100,
    });
    await none;
    clock.restore();
  });
});
