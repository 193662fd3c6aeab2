/**
 * What the session is in the middle of: running tasks, the open ask, and the ids of client
 * messages already handled. Hook code and its waiters live in memory only, so a fresh instance
 * that finds tasks or asks here knows the previous one died mid-hook (session.ts `recover`);
 * seen ids make a message resent after a reconnect run once.
 */
import type { AskData } from "../../../protocol/frames.js";
import type { Tables } from "./schema.js";

export class InFlightStore {
  constructor(
    private readonly sql: SqlStorage,
    private readonly tables: Tables,
  ) {}

  addTask(id: string): void {
    this.sql.exec("INSERT OR REPLACE INTO tasks (id, started) VALUES (?, ?)", id, Date.now());
  }

  removeTask(id: string): void {
    this.sql.exec("DELETE FROM tasks WHERE id = ?", id);
  }

  taskIds(): string[] {
    return this.sql
      .exec<{ id: string }>("SELECT id FROM tasks")
      .toArray()
      .map((r) => r.id);
  }

  putAsk(ask: AskData): void {
    this.tables
      .write("asks")
      .exec("INSERT OR REPLACE INTO asks (id, data) VALUES (?, ?)", ask.id, JSON.stringify(ask));
  }

  deleteAsk(id: string): void {
    this.tables.read("asks")?.exec("DELETE FROM asks WHERE id = ?", id);
  }

  asks(): AskData[] {
    const sql = this.tables.read("asks");
    if (!sql) return [];
    return sql
      .exec<{ data: string }>("SELECT data FROM asks")
      .toArray()
      .map((r) => JSON.parse(r.data) as AskData);
  }

  /** Records a client message id; false when it was seen before (a resend after reconnect). */
  markSeen(id: string): boolean {
    return this.sql.exec("INSERT OR IGNORE INTO seen_messages (id) VALUES (?)", id).rowsWritten > 0;
  }
}
