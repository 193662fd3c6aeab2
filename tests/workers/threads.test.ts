import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import type { ThreadInfo } from "../../durable-objects/sdk/hooks.js";
import * as cl from "../../durable-objects/sdk/index.js";
import type { ThreadPage } from "../../protocol/api.js";
import { NEW_CHAT_CLOSE_CODE } from "../../worker/sessions.js";
import type { ThreadDetail } from "../../worker/threads.js";
import { waitFor } from "../helpers/wait.js";
import { api, d1Steps, d1Thread, identifierOf } from "./d1.js";
import {
  Client,
  installHooks,
  newChat,
  newSession,
  newVisitor,
  transcript,
  type Visitor,
} from "./harness.js";

/** A real thread: a session with one exchange, written to D1 at the end of the turn. */
async function makeThread(visitor: Visitor, content: string) {
  const id = await newSession(visitor);
  const client = await Client.open(id, visitor);
  await client.idle();
  client.send({ type: "message", id: crypto.randomUUID(), content });
  await client.idle();
  return { id, client };
}

/** History rows inserted straight into D1 (pagination and search need many). */
async function seedThreads(owner: string, rows: { name: string; updatedAt: number }[]) {
  const ids: string[] = [];
  await env.DB.batch(
    rows.map(({ name, updatedAt }) => {
      const id = crypto.randomUUID();
      ids.push(id);
      return env.DB.prepare(
        "INSERT INTO threads (id, owner_identifier, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
      ).bind(id, owner, name, updatedAt, updatedAt);
    }),
  );
  return ids;
}

async function list(visitor: Visitor, query = ""): Promise<ThreadPage> {
  const res = await api(visitor, `/api/threads${query}`);
  expect(res.status).toBe(200);
  return res.json();
}

function b64url(text: string): string {
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

describe("thread history", () => {
  let resumed: ThreadInfo[];
  beforeEach(() => {
    resumed = [];
    installHooks({
      chatStart: async () => {
        await new cl.Message("Welcome!").send();
      },
      message: async (m) => {
        if (m.content === "with a file") {
          await new cl.Message({
            content: "here",
            elements: [new cl.File({ name: "big.bin", content: new Uint8Array(100_000) })],
          }).send();
          return;
        }
        await new cl.Message(`echo: ${m.content}`).send();
      },
      chatResume: (thread) => {
        resumed.push(thread);
      },
    });
  });

  it("lists the caller's threads newest first, page by page with an opaque cursor", async () => {
    const visitor = await newVisitor();
    const owner = await identifierOf(visitor);
    // Pairs share an updatedAt: the id breaks the tie, so no thread is skipped or repeated.
    const rows = Array.from({ length: 25 }, (_, i) => ({
      name: `t${i}`,
      updatedAt: 1_000 + Math.floor(i / 2),
    }));
    const ids = await seedThreads(owner, rows);
    const expected = ids
      .map((id, i) => ({ id, updatedAt: rows[i]!.updatedAt }))
      .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1))
      .map((t) => t.id);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list(visitor, `?limit=10${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.threads.map((t) => t.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);

    const first = await list(visitor);
    expect(first.threads).toHaveLength(20);
    expect(first.threads[0]).toEqual({
      id: expected[0],
      name: "t24",
      createdAt: 1012,
      updatedAt: 1012,
    });
  });

  it("searches by name, with SQL metacharacters taken as plain text", async () => {
    const visitor = await newVisitor();
    const names = ["100% done", "100 done", "a_b", "axb", "back\\slash", "it's", "Plain"];
    await seedThreads(
      await identifierOf(visitor),
      names.map((name, i) => ({ name, updatedAt: 10 + i })),
    );
    const search = async (q: string) =>
      (await list(visitor, `?q=${encodeURIComponent(q)}`)).threads.map((t) => t.name);
    expect(await search("%")).toEqual(["100% done"]);
    expect(await search("_")).toEqual(["a_b"]);
    expect(await search("\\")).toEqual(["back\\slash"]);
    expect(await search("'")).toEqual(["it's"]);
    expect(await search("' OR '1'='1")).toEqual([]);
    expect(await search("%' --")).toEqual([]);
    expect(await search("plain")).toEqual(["Plain"]);
    expect(await search("done")).toEqual(["100 done", "100% done"]);
    // A search is paginated too; its cursor only continues that search.
    const page = await list(visitor, "?q=done&limit=1");
    expect(page.threads.map((t) => t.name)).toEqual(["100 done"]);
    const next = await list(visitor, `?q=done&limit=1&cursor=${page.nextCursor}`);
    expect(next.threads.map((t) => t.name)).toEqual(["100% done"]);
    expect(next.nextCursor).toBeUndefined();
    const other = await api(visitor, `/api/threads?q=a&cursor=${page.nextCursor}`);
    expect(other.status).toBe(400);
  });

  it("answers 400 with an error to a forged cursor or a bad limit", async () => {
    const visitor = await newVisitor();
    const id = crypto.randomUUID();
    const bad = [
      "cursor=garbage!!",
      `cursor=${b64url("not json")}`,
      `cursor=${b64url('["x"]')}`,
      `cursor=${b64url(`[1, "../../etc", ""]`)}`,
      `cursor=${b64url(`[-5, "${id}", ""]`)}`,
      `cursor=${b64url(`[1, "${id}", "", "extra"]`)}`,
      `cursor=${b64url(`[1, "${id}", "other search"]`)}`,
      "cursor=",
      "limit=0",
      "limit=abc",
      "limit=1000",
      `q=${"x".repeat(201)}`,
    ];
    for (const query of bad) {
      const res = await api(visitor, `/api/threads?${query}`);
      expect(res.status, query).toBe(400);
      expect(Object.keys(await res.json())).toEqual(["error"]);
    }
    // A well-formed cursor of this search is fine, even for a thread that is gone since.
    const ok = await api(visitor, `/api/threads?cursor=${b64url(`[1, "${id}", ""]`)}`);
    expect(ok.status).toBe(200);
  });

  it("lists a thread only after its first user interaction, under its first message", async () => {
    const { visitor, id, client } = await newChat();
    await client.idle();
    expect((await list(visitor)).threads).toEqual([]);
    client.send({ type: "message", id: "m1", content: "What is D1?" });
    await client.idle();
    const { threads } = await list(visitor);
    expect(threads.map((t) => [t.id, t.name])).toEqual([[id, "What is D1?"]]);
    client.close();
  });

  it("returns a thread with its steps in order and its feedback, to its owner", async () => {
    const visitor = await newVisitor();
    const { id, client } = await makeThread(visitor, "one");
    client.send({ type: "message", id: crypto.randomUUID(), content: "two" });
    await client.idle();
    const answer = [...transcript(client.frames).keys()].at(-1)!;
    client.send({ type: "feedback", stepId: answer, value: 1 });
    const read = async () => {
      const res = await api(visitor, `/api/threads/${id}`);
      expect(res.status).toBe(200);
      return (await res.json()) as ThreadDetail;
    };
    const thread = await waitFor(
      async () => read().then((t) => (t.steps.at(-1)?.feedback ? t : null)),
      5000,
      "feedback in D1",
    );
    expect(thread).toMatchObject({ id, name: "one" });
    expect(thread.steps.map((s) => `${s.type}:${s.output}`)).toEqual([
      "assistant_message:Welcome!",
      "user_message:one",
      "assistant_message:echo: one",
      "user_message:two",
      "assistant_message:echo: two",
    ]);
    expect(thread.steps.at(-1)?.feedback).toEqual({ value: 1 });
    client.close();
  });

  it("renames a thread in D1 and in its live session", async () => {
    const visitor = await newVisitor();
    const { id, client } = await makeThread(visitor, "old name");
    const renamed = client.next((f) => f.type === "thread");
    const res = await api(visitor, `/api/threads/${id}`, {
      method: "PATCH",
      body: JSON.stringify({ name: "  New name  " }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, name: "New name" });
    expect(await renamed).toMatchObject({ type: "thread", threadId: id, name: "New name" });
    expect((await list(visitor)).threads.map((t) => t.name)).toEqual(["New name"]);
    // The session's next write keeps the new name.
    client.send({ type: "message", id: crypto.randomUUID(), content: "more" });
    await client.idle();
    expect((await d1Thread(id))?.name).toBe("New name");
    for (const body of ["{}", '{"name":""}', '{"name":"   "}', '{"name":42}', "not json"]) {
      const bad = await api(visitor, `/api/threads/${id}`, { method: "PATCH", body });
      expect(bad.status, body).toBe(400);
    }
    client.close();
  });

  it("deletes a thread with its steps, its files and its session", async () => {
    const visitor = await newVisitor();
    const { id, client } = await makeThread(visitor, "with a file");
    const before = await env.FILES.list({ prefix: `sessions/${id}/` });
    expect(before.objects).toHaveLength(1);
    const res = await api(visitor, `/api/threads/${id}`, { method: "DELETE" });
    expect(res.status).toBe(204);
    await waitFor(async () => client.closed, 2000, "the socket to close");
    expect((await list(visitor)).threads).toEqual([]);
    expect((await api(visitor, `/api/threads/${id}`)).status).toBe(404);
    expect(await d1Steps(id)).toEqual([]);
    expect((await env.FILES.list({ prefix: `sessions/${id}/` })).objects).toEqual([]);
    await expect(Client.open(id, visitor)).rejects.toThrow(/404/);
    expect((await api(visitor, `/api/threads/${id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("answers 404 for another visitor's thread or a made-up id, and leaks nothing", async () => {
    const owner = await newVisitor();
    const stranger = await newVisitor();
    const { id, client } = await makeThread(owner, "private");
    const ids = [id, crypto.randomUUID(), "not-a-thread", "%25"];
    for (const target of ids) {
      for (const method of ["GET", "PATCH", "DELETE"]) {
        const res = await api(stranger, `/api/threads/${target}`, {
          method,
          ...(method === "PATCH" ? { body: JSON.stringify({ name: "mine now" }) } : {}),
        });
        expect(res.status, `${method} ${target}`).toBe(404);
        expect(await res.json()).toEqual({ error: "not found" });
      }
    }
    expect((await list(stranger)).threads).toEqual([]);
    await expect(Client.open(id, stranger)).rejects.toThrow(/404/);
    // Untouched for its owner.
    expect((await d1Thread(id))?.name).toBe("private");
    expect((await list(owner)).threads.map((t) => t.id)).toEqual([id]);
    client.close();
  });

  it("reopens a thread from the history with the whole conversation; onChatResume runs; it continues", async () => {
    const visitor = await newVisitor();
    const { id, client } = await makeThread(visitor, "remember me");
    client.close(NEW_CHAT_CLOSE_CODE); // the user started a new chat: this session ends
    const { threads } = await list(visitor);
    expect(threads.map((t) => t.id)).toContain(id);

    // Another tab or browser of the same user opens /thread/:id.
    const other = await Client.open(id, visitor);
    const snapshot = await other.next((f) => f.type === "snapshot", 5000, true);
    expect(snapshot.type === "snapshot" && snapshot.snapshot.steps.map((s) => s.output)).toEqual([
      "Welcome!",
      "remember me",
      "echo: remember me",
    ]);
    expect(snapshot.type === "snapshot" && snapshot.snapshot.threadName).toBe("remember me");
    await other.idle();
    expect(resumed.map((t) => [t.id, t.name, t.steps.length])).toEqual([[id, "remember me", 3]]);

    other.send({ type: "message", id: crypto.randomUUID(), content: "and again" });
    await other.idle();
    expect((await d1Steps(id)).map((r) => r.output)).toEqual([
      "Welcome!",
      "remember me",
      "echo: remember me",
      "and again",
      "echo: and again",
    ]);
    other.close();
  });
});
