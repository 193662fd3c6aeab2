/**
 * What a new session's SQLite costs before it holds anything: every table is at least one
 * 4 KiB page on disk and in the page cache, and a rowid table with a text key is two. The small
 * tables are WITHOUT ROWID, so a fresh session after one short turn stays within a page budget;
 * a change that adds pages fails here and has to say why (docs/scale.md counts these bytes).
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { sessionStub } from "./d1.js";
import { installHooks, newChat, say } from "./harness.js";

/** Pages of a new session's database after one short turn (measured: 30, on 2026-11-27). */
const PAGE_BUDGET = 30;

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
  it("keeps its small keyed tables to one b-tree each and stays within its page budget", async () => {
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
      const pages = sql.databaseSize / 4096;
      expect(pages).toBeLessThanOrEqual(PAGE_BUDGET);
    });
  });
});
