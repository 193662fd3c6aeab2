/**
 * Issue 11, item 5: every frame that runs app code or writes the session is under the per-user
 * rate limit, not only `message`: actions, element actions and props, settings, feedback, ask
 * replies and the hello that starts a session. A refusal names the frame; the session stays
 * usable. An ask reply longer than `[project] max_message_chars` is refused too.
 */
import { env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hit, limiter } from "../../durable-objects/rate-limiter.js";
import * as cl from "../../durable-objects/sdk/index.js";
import type { ClientFrame, ServerFrame } from "../../protocol/frames.js";
import { identifierOf } from "./d1.js";
import { Client, installHooks, newChat, newSession, newVisitor, type Visitor } from "./harness.js";

/** The default `[project.rate_limit] actions_per_minute`. */
const LIMIT = 60;

const actionsKey = (user: string) => `actions:user:${user}`;

/** Uses up the visitor's budget of non-message frames for this minute. */
async function exhaust(visitor: Visitor): Promise<void> {
  const key = actionsKey(await identifierOf(visitor));
  for (let i = 0; i < LIMIT; i++) await hit(env, key, LIMIT);
}

/** Lets a minute pass for the visitor's limiter. */
async function nextMinute(visitor: Visitor): Promise<void> {
  await runInDurableObject(limiter(env, actionsKey(await identifierOf(visitor))), (_i, state) => {
    state.storage.sql.exec("UPDATE hits SET at = at - 60000");
  });
}

const refusals = (client: Client, frame: string) =>
  client.frames.filter((f) => f.type === "error" && f.code === "rate_limited" && f.frame === frame)
    .length;

async function until(done: () => boolean, ms = 10_000): Promise<void> {
  for (let waited = 0; !done() && waited < ms; waited += 25) {
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A message still gets its answer. */
async function stillUsable(client: Client): Promise<void> {
  client.send({ type: "message", id: crypto.randomUUID(), content: "still there?" });
  const answer = await client.next((f) => f.type === "step" && f.step.output === "yes");
  expect(answer.type).toBe("step");
}

describe("rate limit on every frame that runs app code", () => {
  type Flood = {
    frame: ClientFrame;
    /** How many of the frames did their work, from what the client saw and the hooks did. */
    done: (client: Client, runs: number) => number;
  };
  const floods: Flood[] = [
    { frame: { type: "action", id: "act-1" }, done: (_c, runs) => runs },
    {
      frame: { type: "element_action", elementId: "custom-1", name: "go", payload: { n: 1 } },
      done: (_c, runs) => runs,
    },
    {
      frame: { type: "element_props", id: "custom-1", props: { n: 1 } },
      done: (c) => c.frames.filter((f) => f.type === "element" && f.element.props?.n === 1).length,
    },
    { frame: { type: "settings", values: { model: "b" } }, done: (_c, runs) => runs },
    {
      // Each feedback has its own comment so that no frame is a no-op.
      frame: { type: "feedback", stepId: "answer-1", value: 1 },
      done: (c) => c.frames.filter((f) => f.type === "feedback").length,
    },
  ];

  for (const flood of floods) {
    it(`refuses a flood of ${flood.frame.type} frames and stays usable`, async () => {
      let runs = 0;
      installHooks({
        chatStart: async () => {
          await new cl.ChatSettings([
            new cl.Select({ id: "model", label: "Model", values: ["a", "b"], initialIndex: 0 }),
          ]).send();
          await new cl.Message({
            id: "answer-1",
            content: "pick",
            actions: [new cl.Action({ name: "go", id: "act-1", payload: {} })],
            elements: [new cl.CustomElement({ name: "Counter", props: {}, id: "custom-1" })],
          }).send();
        },
        actions: new Map([["go", () => void runs++]]),
        settingsUpdate: () => void runs++,
        message: async () => void (await new cl.Message("yes").send()),
      });
      const { client } = await newChat();
      await client.idle();
      const n = LIMIT + 10;
      for (let i = 0; i < n; i++) {
        const frame =
          flood.frame.type === "feedback" ? { ...flood.frame, comment: `c${i}` } : flood.frame;
        client.send(frame);
      }
      const answered = () => flood.done(client, runs) + refusals(client, flood.frame.type);
      await until(() => answered() >= n);
      // The hello that started the session counted too.
      expect(flood.done(client, runs)).toBe(LIMIT - 1);
      expect(refusals(client, flood.frame.type)).toBe(n - (LIMIT - 1));
      const refusal = client.frames.find((f) => f.type === "error" && f.code === "rate_limited");
      expect(refusal?.type === "error" && refusal.message).toMatch(/slow down/i);
      await stillUsable(client);
      client.close();
    });
  }

  it("refuses an ask reply over the limit, keeps the ask open, then takes the answer", async () => {
    installHooks({
      chatStart: async () => {
        const res = await new cl.AskUserMessage({ content: "Name?", timeout: 30 }).send();
        await new cl.Message(`Hello ${res?.output}`).send();
      },
    });
    const { visitor, client } = await newChat();
    const asked = await client.next((f) => f.type === "ask" && f.ask !== null, 5000, true);
    const askId = asked.type === "ask" ? (asked.ask?.id ?? "") : "";
    await exhaust(visitor);
    client.send({ type: "ask_reply", askId, text: "Ada" });
    await client.next((f) => f.type === "error" && f.code === "rate_limited");
    expect(refusals(client, "ask_reply")).toBe(1);
    await nextMinute(visitor);
    client.send({ type: "ask_reply", askId, text: "Ada" });
    const hello = await client.next((f) => f.type === "step" && f.step.output === "Hello Ada");
    expect(hello.type).toBe("step");
  });

  it("refuses an ask reply longer than max_message_chars; the ask stays open", async () => {
    installHooks({
      chatStart: async () => {
        const res = await new cl.AskUserMessage({ content: "Essay?", timeout: 30 }).send();
        await new cl.Message(`Got ${res?.output.length} characters`).send();
      },
    });
    const { client } = await newChat();
    const asked = await client.next((f) => f.type === "ask" && f.ask !== null, 5000, true);
    const askId = asked.type === "ask" ? (asked.ask?.id ?? "") : "";
    client.send({ type: "ask_reply", askId, text: "y".repeat(100_001) });
    const refused = await client.next((f) => f.type === "error");
    expect(refused).toMatchObject({ type: "error", code: "too_large", frame: "ask_reply" });
    client.send({ type: "ask_reply", askId, text: "short" });
    const got = await client.next((f) => f.type === "step" && f.step.output.startsWith("Got"));
    expect(got.type === "step" && got.step.output).toBe("Got 5 characters");
  });

  it("refuses a hello that would start a session; the session starts once allowed", async () => {
    let starts = 0;
    installHooks({ chatStart: () => void starts++ });
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    await exhaust(visitor);
    const res = await SELF.fetch(`http://edgelit.test/ws/${id}`, {
      headers: { Upgrade: "websocket", cookie: visitor.cookie },
    });
    const ws = res.webSocket;
    if (!ws) throw new Error("no upgrade");
    ws.accept();
    const got: ServerFrame[] = [];
    const closed = new Promise<number>((resolve) => {
      ws.addEventListener("message", (e) => got.push(JSON.parse(String(e.data)) as ServerFrame));
      ws.addEventListener("close", (e) => resolve(e.code));
    });
    ws.send(JSON.stringify({ type: "hello", lastSeq: 0 }));
    expect(await closed).toBe(1013);
    expect(got).toEqual([
      expect.objectContaining({ type: "error", code: "rate_limited", frame: "hello" }),
    ]);
    expect(starts).toBe(0);
    await nextMinute(visitor);
    const client = await Client.open(id, visitor);
    await client.idle();
    expect(starts).toBe(1);
    client.close();
  });
});
