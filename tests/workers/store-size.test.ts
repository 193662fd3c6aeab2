/**
 * What a new session's SQLite costs before it holds anything: every table is at least one
 * 4 KiB page on disk and in the page cache while the object lives, and a rowid table with a text
 * key is two. The small tables are WITHOUT ROWID and the tables a plain chat never writes are
 * made on first write (store/schema.ts LAZY_TABLES), so a fresh session after one short turn
 * stays within a page budget; a change that adds pages fails here and has to say why
 * (docs/scale.md counts these bytes, `npm run bench:idle` the memory).
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { LAZY_TABLES } from "../../durable-objects/session/store/schema.js";
import { sessionStub } from "./d1.js";
import { installHooks, newChat, say } from "./harness.js";

/**
 * Pages of a new session's database after one short turn (measured on 2026-11-27: 30 with every
 * table made up front, 13 with the lazy ones made on first write).
 */
const PAGE_BUDGET = 13;

/**
 * Distinct statements a session runs from its creation through two streamed turns (measured on
 * 2026-11-27: 27 before the event log and seen ids shared statements and a fresh database
 * skipped the old databases' fixes). workerd keeps each compiled for the object's life, ~2.7 KiB
 * apiece (`npm run bench:idle -- --kinds bare-tables,bare-statements`): a change that adds one
 * updates this number and says why.
 */
const STATEMENT_BUDGET = 22;

const KEYED = [
  "meta",
  "user_session",
  "tasks",
  "asks",
  "seen_messages",
  "uploads",
  "copilot_calls",
  "mcp_servers",
  "platform",
  "platform_messages",
  "platform_files",
  "token_usage_steps",
];

describe("a new session's database", () => {
  it("keeps its small keyed tables to one b-tree each, makes no table a plain chat does not write, and stays within its page budget", async () => {
    installHooks({
      message: async () => {
        await new cl.Message({ content: "hi" }).send();
      },
    });
    const { id, client } = await newChat();
    await say(client, "hello");
    client.close();
    await runInDurableObject(sessionStub(id), (_instance, state) => {
      const sql = state.storage.sql;
      const autoIndexed = sql
        .exec<{ tbl_name: string }>(
          "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name LIKE 'sqlite_autoindex_%'",
        )
        .toArray()
        .map((r) => r.tbl_name);
      for (const table of KEYED) expect(autoIndexed).not.toContain(table);
      const lazy = sql
        .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .toArray()
        .map((r) => r.name)
        .filter((name) => name in LAZY_TABLES);
      expect(lazy).toEqual([]);
      const pages = sql.databaseSize / 4096;
      expect(pages).toBeLessThanOrEqual(PAGE_BUDGET);
    });
  });

  it("runs few distinct statements: each stays compiled in the object's memory while it lives", async () => {
    installHooks({
      message: async () => {
        const answer = new cl.Message({ content: "" });
        for (const token of ["a", "b", "c"]) await answer.streamToken(token);
        await answer.send();
      },
    });
    // Every SqlStorage of this isolate shares the prototype: record the queries a session runs
    // from its creation through two streamed turns (the rate limiter's own aside).
    const first = await newChat();
    const proto = await runInDurableObject(sessionStub(first.id), (_i, state) =>
      Object.getPrototypeOf(state.storage.sql),
    );
    first.client.close();
    const exec = proto.exec;
    const seen = new Set<string>();
    proto.exec = function (this: SqlStorage, query: string, ...args: SqlStorageValue[]) {
      if (!/\bhits\b/.test(query)) seen.add(query);
      return exec.call(this, query, ...args);
    };
    try {
      const { client } = await newChat();
      await say(client, "hello");
      await say(client, "again");
      client.close();
    } finally {
      proto.exec = exec;
    }
    expect(seen.size).toBeGreaterThan(10);
    expect(seen.size, [...seen].join("\n")).toBeLessThanOrEqual(STATEMENT_BUDGET);
  });
});
