import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SessionStore } from "../../durable-objects/session/store/index.js";
import { SCHEMA_VERSION, schemaVersion } from "../../durable-objects/session/store/schema.js";
import type { AskData, ElementData } from "../../protocol/frames.js";
import { sessionStub } from "./d1.js";

/** The steps table as sessions created before input and output had their own columns kept it. */
const OLD_STEPS = `DROP TABLE IF EXISTS steps;
CREATE TABLE steps (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL);`;

describe("a session stored by an older Edgelit", () => {
  it("moves step texts into their own columns and reads every step as before", async () => {
    const id = crypto.randomUUID();
    const llm = {
      id: "s1",
      parentId: null,
      type: "llm",
      name: "gpt",
      input: "p".repeat(5000),
      output: "answer",
      createdAt: 1,
      order: 1,
      actions: [{ id: "a1", name: "go", payload: {}, forId: "s1" }],
    };
    const message = {
      id: "s2",
      parentId: null,
      type: "assistant_message",
      name: "Assistant",
      output: "m".repeat(3000),
      createdAt: 2,
      order: 2,
    };
    const result = await runInDurableObject(sessionStub(id), (_instance, state) => {
      const sql = state.storage.sql;
      sql.exec(OLD_STEPS);
      for (const step of [llm, message])
        sql.exec(
          "INSERT INTO steps (id, ord, seq, data) VALUES (?, ?, ?, ?)",
          step.id,
          step.order,
          step.order,
          JSON.stringify(step),
        );
      const { steps } = new SessionStore(sql);
      return {
        steps: steps.all(),
        messages: steps.all("messages").map((s) => s.id),
        previews: steps.previews(),
        actions: steps.actions().map((a) => a.id),
        // A second open finds the table already upgraded.
        again: new SessionStore(sql).steps.get("s1"),
      };
    });
    expect(result.steps).toEqual([llm, message]);
    expect(result.messages).toEqual(["s2"]);
    expect(result.previews[0]?.input).toHaveLength(2000);
    expect(result.previews[0]?.truncated).toEqual({ input: 5000 });
    expect(result.previews[1]).toEqual(message);
    expect(result.actions).toEqual(["a1"]);
    expect(result.again).toEqual(llm);
  });

  it("gets the tables other modules once made on first use, keeping their rows", async () => {
    const result = await runInDurableObject(sessionStub(crypto.randomUUID()), (_i, state) => {
      const sql = state.storage.sql;
      // What an Edgelit before schema versions left: its own tables, and the token total that
      // usage.ts made when a step first reported usage (no copilot, MCP or platform tables).
      sql.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE events (seq INTEGER PRIMARY KEY, step_id TEXT, frame TEXT NOT NULL);
        CREATE TABLE steps (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, seq INTEGER NOT NULL,
          data TEXT NOT NULL, type TEXT NOT NULL DEFAULT '', streaming INTEGER NOT NULL DEFAULT 0,
          input TEXT, output TEXT NOT NULL DEFAULT '');
        CREATE TABLE token_usage (id INTEGER PRIMARY KEY CHECK (id = 1),
          input INTEGER NOT NULL, output INTEGER NOT NULL);
        INSERT INTO token_usage (id, input, output) VALUES (1, 12, 34);
        INSERT INTO meta (key, value) VALUES ('threadName', '"old"');`);
      const before = schemaVersion(sql);
      const store = new SessionStore(sql);
      return {
        before,
        after: schemaVersion(sql),
        exists: store.exists,
        name: store.meta.get("threadName"),
        usage: sql.exec("SELECT input, output FROM token_usage").toArray(),
        tables: tableNames(sql),
      };
    });
    expect(result.before).toBe(0);
    expect(result.after).toBe(SCHEMA_VERSION);
    expect(result.exists).toBe(true);
    expect(result.name).toBe("old");
    expect(result.usage).toEqual([{ input: 12, output: 34 }]);
    expect(result.tables).toEqual([...OWN_TABLES, "token_usage"].sort());
  });

  it("makes the session's own tables when it is created, none before, and the rest on first write", async () => {
    const result = await runInDurableObject(sessionStub(crypto.randomUUID()), (_i, state) => {
      const sql = state.storage.sql;
      const store = new SessionStore(sql);
      const before = tableNames(sql);
      store.init();
      const created = tableNames(sql);
      // A lazy table that is not there reads as empty and is made by its first write.
      const reads = {
        asks: store.inFlight.asks(),
        elements: store.elements.all(),
        pending: store.uploads.pendingCount("message"),
        copilot: store.table("copilot_calls", "read"),
      };
      store.inFlight.putAsk(ASK);
      store.elements.put(ELEMENT);
      store
        .table("copilot_calls", "write")
        ?.exec("INSERT INTO copilot_calls (id, deadline) VALUES ('c', 1)");
      return {
        before,
        created,
        reads,
        written: tableNames(sql),
        asks: store.inFlight.asks().map((a) => a.id),
        elements: store.elements.all().map((e) => e.id),
        outbox: store.outbox.elements(),
        calls: store.table("copilot_calls", "read")?.exec("SELECT id FROM copilot_calls").toArray(),
      };
    });
    expect(result.before).toEqual([]);
    expect(result.created).toEqual(OWN_TABLES);
    expect(result.reads).toEqual({ asks: [], elements: [], pending: 0, copilot: null });
    expect(result.written).toEqual(
      [...OWN_TABLES, "asks", "copilot_calls", "element_outbox", "elements"].sort(),
    );
    expect(result.asks).toEqual([ASK.id]);
    expect(result.elements).toEqual([ELEMENT.id]);
    expect(result.outbox).toEqual([ELEMENT.id]);
    expect(result.calls).toEqual([{ id: "c" }]);
  });

  it("makes a lazy table again after the storage was wiped (a deleted thread starts over)", async () => {
    const result = await runInDurableObject(sessionStub(crypto.randomUUID()), async (_i, state) => {
      const store = new SessionStore(state.storage.sql);
      store.init();
      store.inFlight.putAsk(ASK);
      await state.storage.deleteAll();
      store.reset();
      const after = store.inFlight.asks();
      store.inFlight.putAsk({ ...ASK, id: "again" });
      return { after, again: store.inFlight.asks().map((a) => a.id) };
    });
    expect(result.after).toEqual([]);
    expect(result.again).toEqual(["again"]);
  });

  it("opens an up-to-date database with reads only", async () => {
    const queries = await runInDurableObject(sessionStub(crypto.randomUUID()), (_i, state) => {
      new SessionStore(state.storage.sql).init();
      const seen: string[] = [];
      const sql = state.storage.sql;
      const recording = new Proxy(sql, {
        get: (target, key) => {
          if (key === "exec")
            return (query: string, ...args: SqlStorageValue[]) => {
              seen.push(query);
              return target.exec(query, ...args);
            };
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const store = new SessionStore(recording);
      store.meta.get("status");
      return seen;
    });
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.filter((q) => /\b(CREATE|ALTER|INSERT|UPDATE|DELETE)\b/i.test(q))).toEqual([]);
  });
});

/** Every table a session has (the Durable Object's own `_cf_` tables aside). */
function tableNames(sql: SqlStorage): string[] {
  return sql
    .exec<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf%' ESCAPE '\\' ORDER BY name",
    )
    .toArray()
    .map((r) => r.name);
}

/** The tables a new session has (store/schema.ts); the LAZY_TABLES come on first write. */
const OWN_TABLES = [
  "events",
  "meta",
  "outbox",
  "schema_version",
  "seen_messages",
  "steps",
  "tasks",
  "user_session",
];

const ASK: AskData = {
  id: "ask-1",
  stepId: "s1",
  kind: "text",
  content: "Name?",
  timeout: 60,
  deadline: 1,
} as AskData;

const ELEMENT = {
  id: "e1",
  type: "text",
  name: "note",
  display: "inline",
  content: "hi",
} as ElementData;
