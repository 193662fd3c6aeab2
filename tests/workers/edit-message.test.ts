/**
 * Issue 15, `features.edit_message`: the user edits a sent message; every later message of the
 * thread is removed (client, DO state, D1) and `onMessage` runs again with the new text, with
 * `cl.chatContext` following. Attacks: an assistant message id, an unknown id, an edit while a
 * task runs, the feature turned off, a flood over the message rate limit.
 */
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { appConfig } from "../../protocol/app.js";
import type { ServerFrame } from "../../protocol/frames.js";
import { quiet, waitFor } from "../helpers/wait.js";
import { d1Steps, identifierOf } from "./d1.js";
import { Client, installHooks, type NewChat, newChat } from "./harness.js";

const contexts: string[][] = [];

function echo(): void {
  installHooks({
    message: async (m) => {
      contexts.push(cl.chatContext.toOpenAI().map((x) => `${x.role}:${x.content}`));
      if (m.content === "slow") await cl.sleep(30);
      await new cl.Message(`echo: ${m.content}`).send();
    },
  });
}

async function open(): Promise<NewChat> {
  echo();
  return newChat();
}

async function say(client: Client, text: string): Promise<string> {
  client.send({ type: "message", id: crypto.randomUUID(), content: text });
  const user = await client.next((f) => f.type === "step" && f.step.output === text);
  await client.next((f) => f.type === "step" && f.step.output === `echo: ${text}`);
  await client.idle();
  return user.type === "step" ? user.step.id : "";
}

const refusal = (client: Client) =>
  client.next((f) => f.type === "error" && f.frame === "edit_message");

afterEach(() => {
  appConfig.features.edit_message = true;
  contexts.length = 0;
});

describe("editing a sent message", () => {
  it("removes every later message, reruns onMessage with the new text, and D1 follows", async () => {
    const { id, client, visitor } = await open();
    const first = await say(client, "one");
    await say(client, "two");
    await say(client, "three");
    await waitFor(async () => (await d1Steps(id)).length === 6, 8000, "six D1 rows");
    const before = await d1Steps(id);
    const removed = before.filter((r) => r.output !== "one").map((r) => r.id);
    contexts.length = 0;

    client.send({ type: "edit_message", id: first, content: "uno" });
    await client.next((f) => f.type === "step" && f.step.output === "echo: uno");
    await client.idle();
    const removes = client.frames
      .filter((f): f is Extract<ServerFrame, { type: "remove" }> => f.type === "remove")
      .map((f) => f.id);
    expect(removes.sort()).toEqual(removed.sort());
    // onMessage saw only the edited conversation.
    expect(contexts).toEqual([["user:uno"]]);

    const rows = await waitFor(
      async () => {
        const r = await d1Steps(id);
        return r.length === 2 && r[0]?.output === "uno" ? r : null;
      },
      8000,
      "D1 to follow the edit",
    );
    expect(rows.map((r) => `${r.type}:${r.output}`)).toEqual([
      "user_message:uno",
      "assistant_message:echo: uno",
    ]);
    expect(rows[0]?.id).toBe(first);

    // A reconnecting client gets the edited conversation.
    client.close();
    const again = await Client.open(id, visitor);
    const snap = await again.next((f) => f.type === "snapshot", 5000, true);
    const outputs = snap?.type === "snapshot" ? snap.snapshot.steps.map((s) => s.output) : [];
    expect(outputs).toEqual(["uno", "echo: uno"]);
    // The chat goes on from the edit.
    await say(again, "four");
    expect(contexts.at(-1)).toEqual(["user:uno", "assistant:echo: uno", "user:four"]);
  });

  it("refuses an assistant message id and an unknown id, changing nothing", async () => {
    const { client } = await open();
    await say(client, "one");
    const answer = client.frames.find(
      (f) => f.type === "step" && f.step.type === "assistant_message",
    );
    const answerId = answer?.type === "step" ? answer.step.id : "";
    const seen = client.frames.length;
    client.send({ type: "edit_message", id: answerId, content: "hacked" });
    expect(await refusal(client)).toMatchObject({ code: "not_found" });
    client.send({ type: "edit_message", id: "no-such-step", content: "hacked" });
    expect(await refusal(client)).toMatchObject({ code: "not_found" });
    await quiet(200);
    expect(client.frames.slice(seen).filter((f) => f.type !== "error")).toEqual([]);
    expect(contexts).toHaveLength(1);
  });

  it("refuses an edit while a task runs", async () => {
    const { client } = await open();
    const first = await say(client, "one");
    client.send({ type: "message", id: "slow-1", content: "slow" });
    await client.next((f) => f.type === "task" && f.running);
    client.send({ type: "edit_message", id: first, content: "uno" });
    expect(await refusal(client)).toMatchObject({ code: "busy" });
    expect(client.frames.some((f) => f.type === "remove")).toBe(false);
    client.send({ type: "stop" });
    await client.idle();
  });

  it("refuses an edit when features.edit_message is off", async () => {
    const { client } = await open();
    const first = await say(client, "one");
    appConfig.features.edit_message = false;
    client.send({ type: "edit_message", id: first, content: "uno" });
    expect(await refusal(client)).toMatchObject({
      code: "bad_frame",
      message: "editing messages is turned off",
    });
    expect(client.frames.some((f) => f.type === "remove")).toBe(false);
  });

  it("refuses a malformed edit frame and one over max_message_chars", async () => {
    const { client } = await open();
    const first = await say(client, "one");
    client.send(JSON.stringify({ type: "edit_message", id: first }));
    const bad = await client.next((f) => f.type === "error" && f.code === "bad_frame");
    expect(bad.type).toBe("error");
    const limit = appConfig.project.max_message_chars;
    client.send({ type: "edit_message", id: first, content: "x".repeat(limit + 1) });
    expect(await refusal(client)).toMatchObject({ code: "too_large" });
  });

  it("counts edits against the message rate limit (not the actions one)", async () => {
    const { client, visitor } = await open();
    const first = await say(client, "one");
    const user = await identifierOf(visitor);
    const limit = appConfig.project.rate_limit.messages_per_minute;
    const limiter = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(`user:${user}`));
    for (let i = 0; i < limit; i++) await limiter.hit(limit);
    client.send({ type: "edit_message", id: first, content: "uno" });
    expect(await refusal(client)).toMatchObject({ code: "rate_limited" });
    expect(contexts).toHaveLength(1);
  });
});
