/**
 * The baseline of the streaming benchmark: the plainest Durable Object relay of an OpenAI
 * stream to a hibernatable WebSocket (one frame per token, no log, no coalescing), on the same
 * workerd and through the same `openai` client as Edgelit's session. With `readOnly` it only
 * reads the stream and sends the token count at the end: the reader-only ceiling in a DO.
 * `bench:idle` also opens it with a session's tables made (`?tables=`), to price them alone.
 */
import { DurableObject } from "cloudflare:workers";
import { LAZY_TABLES, migrate, Tables } from "../durable-objects/session/store/schema.js";
import { instances } from "./instances.js";
import { readStream } from "./reader.js";

/** A turn's distinct statements, as a session runs them (to price the statement cache). */
const STATEMENTS: [string, ...SqlStorageValue[]][] = [
  ["INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", "k", "v"],
  ["SELECT value FROM meta WHERE key = ?", "k"],
  ["SELECT name FROM sqlite_master WHERE type = 'table'"],
  ["SELECT COALESCE(MAX(seq), 0) AS v FROM events"],
  ["SELECT COALESCE(SUM(length(CAST(frame AS BLOB))), 0) AS v FROM events"],
  ["SELECT COALESCE(MAX(ord), 0) AS v FROM steps"],
  ["INSERT OR REPLACE INTO user_session (key, value) VALUES (?, ?)", "k", "v"],
  ["SELECT value FROM user_session WHERE key = ?", "k"],
  ["DELETE FROM meta WHERE key = ?", "x"],
  ["SELECT COUNT(*) AS v FROM seen_messages WHERE id = ?", "m"],
  ["INSERT INTO seen_messages (id) VALUES (?)", "m"],
  ["SELECT json_extract(data, '$.feedback') AS f FROM steps WHERE id = ?", "s"],
  ["INSERT INTO events (seq, step_id, frame) VALUES (?, ?, ?)", 1, "s", "{}"],
  [
    "INSERT OR REPLACE INTO steps (id, ord, seq, data, type, streaming, input, output)\n       VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "s",
    1,
    1,
    "{}",
    "assistant_message",
    0,
    null,
    "hi",
  ],
  ["INSERT OR IGNORE INTO outbox (step_id) VALUES (?)", "s"],
  ["INSERT OR REPLACE INTO tasks (id, started) VALUES (?, ?)", "t", 1],
  ["DELETE FROM tasks WHERE id = ?", "t"],
  ["SELECT step_id FROM outbox"],
  ["SELECT seq, data, input, output FROM steps WHERE id = ?", "s"],
  ["DELETE FROM outbox WHERE step_id = ?", "s"],
];

export class BareRelay extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    instances.made++;
  }

  override async fetch(request: Request): Promise<Response> {
    // The cost of a session's tables alone: those a new session makes (`?tables=new`), or
    // those and every lazy one (`?tables=all`, as every session made them before).
    const tables = new URL(request.url).searchParams.get("tables");
    if (tables) {
      const sql = this.ctx.storage.sql;
      migrate(sql, new Tables(sql));
      if (tables === "all") for (const ddl of Object.values(LAZY_TABLES)) sql.exec(ddl);
      if (tables === "statements") for (const [q, ...args] of STATEMENTS) sql.exec(q, ...args);
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const { prompt, readOnly } = JSON.parse(String(message)) as {
      prompt: string;
      readOnly?: boolean;
    };
    const relay = (text: string) => ws.send(JSON.stringify({ type: "delta", text }));
    const n = await readStream(this.env.OPENAI_BASE_URL, prompt, readOnly ? undefined : relay);
    if (readOnly) ws.send(JSON.stringify({ type: "count", n }));
    ws.send('{"type":"done"}');
  }
}
