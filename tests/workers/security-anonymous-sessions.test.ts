/**
 * Issue 11, item 7: new sessions cost a Durable Object each. `POST /api/sessions` is limited
 * per caller and per IP, a request for an unknown session writes nothing, and a session that
 * nobody opened is deleted whole by its alarm.
 */
import { env, runDurableObjectAlarm, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ChatSession } from "../../durable-objects/chat-session.js";
import { hit } from "../../durable-objects/rate-limiter.js";
import { UNOPENED_SESSION_MS } from "../../durable-objects/session/session.js";
import { sessionStub } from "./d1.js";
import { Client, installHooks, newChat, newSession, newVisitor } from "./harness.js";

function post(headers: Record<string, string>): Promise<Response> {
  return SELF.fetch("http://edgelit.test/api/sessions", { method: "POST", headers });
}

/** The session object's own tables (none: it costs nothing). */
function tables(id: string): Promise<string[]> {
  return runInDurableObject(sessionStub(id), (_instance: ChatSession, state) =>
    state.storage.sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf%' ESCAPE '\\'",
      )
      .toArray()
      .map((r) => r.name),
  );
}

/** Moves the session's "open me by" deadline to the past. */
function expire(id: string): Promise<void> {
  return runInDurableObject(sessionStub(id), (instance: ChatSession) => {
    const meta = instance.session.meta;
    const until = meta.get("unopenedUntil");
    if (until !== undefined) meta.set("unopenedUntil", until - UNOPENED_SESSION_MS - 1);
  });
}

describe("anonymous sessions", () => {
  it("limits new sessions per IP, even from callers without a cookie", async () => {
    const ip = "203.0.113.7";
    // The default ip_sessions_per_minute is 120: all but one used up already.
    for (let i = 0; i < 119; i++) await hit(env, `sessions:ip:${ip}`, 120);
    const last = await post({ "CF-Connecting-IP": ip });
    expect(last.status).toBe(201);
    await last.arrayBuffer();
    // A new caller (no cookie: a new anonymous visitor) from the same IP is refused.
    const refused = await post({ "CF-Connecting-IP": ip });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: string }).error).toMatch(/new chats too fast/);
    const other = await post({ "CF-Connecting-IP": "203.0.113.8" });
    expect(other.status).toBe(201);
    await other.arrayBuffer();
  });

  it("limits new sessions per visitor", async () => {
    const visitor = await newVisitor();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await post({ cookie: visitor.cookie });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("deletes a session nobody opened, storage and all; an unknown id writes nothing", async () => {
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    expect(await tables(id)).toContain("meta");
    // The alarm before the deadline keeps it.
    await runDurableObjectAlarm(sessionStub(id));
    expect(await tables(id)).toContain("meta");
    await expire(id);
    expect(await runDurableObjectAlarm(sessionStub(id))).toBe(true);
    expect(await tables(id)).toEqual([]);
    // Opening it now finds nothing, and writes nothing.
    const res = await SELF.fetch(`http://edgelit.test/ws/${id}`, {
      headers: { Upgrade: "websocket", cookie: visitor.cookie },
    });
    expect(res.status).toBe(404);
    await res.arrayBuffer();
    expect(await tables(id)).toEqual([]);
    const unknown = crypto.randomUUID();
    const probe = await SELF.fetch(`http://edgelit.test/ws/${unknown}`, {
      headers: { Upgrade: "websocket", cookie: visitor.cookie },
    });
    expect(probe.status).toBe(404);
    await probe.arrayBuffer();
    expect(await tables(unknown)).toEqual([]);
  });

  it("keeps a session that was opened", async () => {
    let starts = 0;
    installHooks({ chatStart: () => void starts++ });
    const { visitor, id, client } = await newChat();
    await client.idle();
    await expire(id);
    await runDurableObjectAlarm(sessionStub(id));
    expect(await tables(id)).toContain("meta");
    client.close();
    const again = await Client.open(id, visitor, { lastSeq: client.lastSeq });
    expect(again.frames.some((f) => f.type === "ready")).toBe(true);
    expect(starts).toBe(1);
    again.close();
  });
});
