import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { D1_TEXT_LIMIT, persistProbe } from "../../durable-objects/session/persist.js";
import { Outbox } from "../../durable-objects/session/store/outbox.js";
import { Tables } from "../../durable-objects/session/store/schema.js";
import { waitFor } from "../helpers/wait.js";
import { useAlarmClock } from "./alarms.js";
import { d1Steps, d1Thread, sessionStub } from "./d1.js";
import { Client, installHooks, newChat, say, transcript } from "./harness.js";

const realDatabase = persistProbe.database;

/** A D1 binding whose batches fail while `broken.on` is true. */
const broken = { on: false };
function flakyDatabase(e: Env): D1Database {
  return new Proxy(e.DB, {
    get(target, key) {
      if (key === "batch" && broken.on) {
        return () => Promise.reject(new Error("injected D1 failure"));
      }
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function open() {
  const { visitor, id, client } = await newChat();
  await client.idle();
  return { visitor, id, client };
}

function meta(id: string) {
  return runInDurableObject(sessionStub(id), (instance, state) => ({
    persistAt: instance.session.meta.get("persistAt"),
    failures: instance.session.meta.get("persistFailures"),
    outbox: new Outbox(state.storage.sql, new Tables(state.storage.sql)).steps().length,
  }));
}

describe("D1 write path", () => {
  beforeEach(() => {
    installHooks({
      chatStart: async () => {
        await new cl.Message("Welcome!").send();
      },
      message: async (m) => {
        if (m.content.startsWith("stream ")) {
          const msg = new cl.Message({ content: "" });
          for (let i = 0; i < Number(m.content.slice(7)); i++) {
            await msg.streamToken(`t${i} `);
            await cl.sleep(0.02);
          }
          await msg.send();
          return;
        }
        if (m.content === "removed") {
          const gone = new cl.Message("soon gone");
          await gone.send();
          await new cl.Message("stays").send();
          await gone.remove();
          return;
        }
        if (m.content === "huge") {
          await new cl.Message("y".repeat(D1_TEXT_LIMIT + 10)).send();
          return;
        }
        if (m.content === "reorder") {
          const a = new cl.Message("A");
          await a.send();
          await new cl.Message("B").send();
          a.content = "A, edited after B";
          await a.update();
          return;
        }
        await new cl.Message(`echo: ${m.content}`).send();
      },
    });
  });
  afterEach(() => {
    persistProbe.database = realDatabase;
    broken.on = false;
  });

  it("writes nothing for a thread until its first user interaction", async () => {
    const before = persistProbe.batches;
    const { id, client } = await open();
    expect(await d1Thread(id)).toBeNull();
    expect(persistProbe.batches).toBe(before);
    // No write is pending either: the alarm has nothing to do for an unnamed thread.
    expect((await meta(id)).persistAt).toBeUndefined();

    await say(client, "hello there");
    expect(await d1Thread(id)).toMatchObject({ id, name: "hello there" });
    const rows = await d1Steps(id);
    expect(rows.map((r) => `${r.type}:${r.output}`)).toEqual([
      "assistant_message:Welcome!",
      "user_message:hello there",
      "assistant_message:echo: hello there",
    ]);
    expect((await meta(id)).outbox).toBe(0);
  });

  it("writes a long streamed answer in a few batches while it streams, never per token", async () => {
    const { id, client } = await open();
    await say(client, "warm up");
    const before = persistProbe.batches;
    client.send({ type: "message", id: crypto.randomUUID(), content: "stream 150" });
    // While the answer streams (~3 s), the alarm writes it with its text so far.
    const partial = await waitFor(
      async () =>
        (await d1Steps(id)).find((r) => r.streaming === 1 && r.output.startsWith("t0 t1 ")),
      6000,
      "a streaming step in D1",
    );
    expect(partial.output.length).toBeLessThan(150 * 4);
    await client.idle(10_000);
    const batches = persistProbe.batches - before;
    const tokens = 150;
    expect(batches).toBeGreaterThanOrEqual(2); // at least one mid-stream + the end of the task
    expect(batches).toBeLessThanOrEqual(4); // ~3 s of streaming at one write per 2 s, + the end
    expect(batches).toBeLessThan(tokens / 10);
    const answer = (await d1Steps(id)).at(-1);
    expect(answer?.streaming).toBe(0);
    expect(answer?.output).toBe(Array.from({ length: tokens }, (_, i) => `t${i} `).join(""));
  });

  it("keeps everything through a D1 failure and writes it on a later alarm, with backoff", async () => {
    persistProbe.database = flakyDatabase;
    broken.on = true;
    const { id, client } = await open();
    await say(client, "kept");
    expect(await d1Thread(id)).toBeNull();
    const failed = await meta(id);
    expect(failed.failures).toBe(1);
    expect(failed.outbox).toBe(3);
    expect(failed.persistAt).toBeGreaterThan(Date.now());

    // The alarm retries after ~2 s and fails again: the next wait doubles. The clock is moved
    // and the alarm run at once rather than waited for.
    const clock = useAlarmClock();
    await clock.runAlarm(id, 3000);
    const second = await waitFor(
      async () => {
        const m = await meta(id);
        return m.failures === 2 ? m : null;
      },
      6000,
      "a second failed attempt",
    );
    expect(second.persistAt! - Date.now()).toBeGreaterThan(2000);

    broken.on = false;
    await clock.runAlarm(id, second.persistAt! - clock.start);
    const rows = await waitFor(
      async () => {
        const r = await d1Steps(id);
        return r.length === 3 ? r : null;
      },
      8000,
      "the retried write",
    );
    const live = [...transcript(client.frames).values()].map((s) => s.output);
    expect(rows.map((r) => r.output)).toEqual(live);
    expect(await meta(id)).toMatchObject({ failures: undefined, outbox: 0 });
  });

  it("orders steps by the server order, not by when they were last written", async () => {
    const { id, client } = await open();
    await say(client, "reorder");
    const rows = await d1Steps(id);
    expect(rows.map((r) => r.output)).toEqual(["Welcome!", "reorder", "A, edited after B", "B"]);
    const orders = rows.map((r) => r.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });

  it("deletes a removed message's row", async () => {
    const { id, client } = await open();
    await say(client, "removed");
    expect((await d1Steps(id)).map((r) => r.output)).toEqual(["Welcome!", "removed", "stays"]);
  });

  it("cuts a text too long for a D1 row there, marked, and keeps it whole in the session", async () => {
    const { visitor, id, client } = await open();
    await say(client, "huge");
    const row = await env.DB.prepare(
      'SELECT length(output) AS n, metadata FROM steps WHERE thread_id = ? ORDER BY "order" DESC',
    )
      .bind(id)
      .first<{ n: number; metadata: string }>();
    expect(row?.n).toBe(D1_TEXT_LIMIT);
    expect(JSON.parse(row?.metadata ?? "{}")).toEqual({ truncated: true });
    expect((await meta(id)).outbox).toBe(0);
    client.close();
    const again = await Client.open(id, visitor);
    const snapshot = await again.next((f) => f.type === "snapshot", 5000, true);
    const last = snapshot.type === "snapshot" ? snapshot.snapshot.steps.at(-1) : undefined;
    expect(last?.output.length).toBe(D1_TEXT_LIMIT + 10);
    again.close();
  });

  it("stores feedback on an answer in D1 and shows it again on resume", async () => {
    const { visitor, id, client } = await open();
    await say(client, "rate me");
    const answer = [...transcript(client.frames).entries()].at(-1)!;
    client.send({ type: "feedback", stepId: answer[0], value: 0, comment: "too short" });
    const row = await waitFor(
      () =>
        env.DB.prepare("SELECT for_id, value, comment FROM feedback WHERE thread_id = ?")
          .bind(id)
          .first(),
      5000,
      "a feedback row",
    );
    expect(row).toEqual({ for_id: answer[0], value: 0, comment: "too short" });
    client.close();
    const again = await Client.open(id, visitor);
    const snapshot = await again.next((f) => f.type === "snapshot", 5000, true);
    const step =
      snapshot.type === "snapshot" ? snapshot.snapshot.steps.find((s) => s.id === answer[0]) : null;
    expect(step?.feedback).toEqual({ value: 0, comment: "too short" });
    again.close();
  });

  it("stores elements with their R2 key, never a URL", async () => {
    installHooks({
      chatStart: () => {},
      message: async () => {
        const big = "x".repeat(70 * 1024);
        await new cl.Message({
          content: "files",
          elements: [
            new cl.Text({ name: "note", content: "small" }),
            new cl.File({ name: "big.txt", content: big, mime: "text/plain" }),
          ],
        }).send();
      },
    });
    const { id, client } = await open();
    await say(client, "attach");
    const { results } = await env.DB.prepare(
      'SELECT id, name, r2_key, app_url, content FROM elements WHERE thread_id = ? ORDER BY "order"',
    )
      .bind(id)
      .all<{
        id: string;
        name: string;
        r2_key: string | null;
        app_url: string | null;
        content: string | null;
      }>();
    expect(results.map((r) => r.name)).toEqual(["note", "big.txt"]);
    expect(results[0]).toMatchObject({ r2_key: null, app_url: null, content: "small" });
    expect(results[1]?.r2_key).toBe(`sessions/${id}/elements/${results[1]?.id}`);
    expect(results[1]?.app_url).toBeNull();
    expect(await env.FILES.head(results[1]!.r2_key!)).not.toBeNull();
  });
});
