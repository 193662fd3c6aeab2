/**
 * What D1 still needs: the ids of steps and elements changed (or removed) since the last
 * successful D1 write. An id leaves only once D1 has the version written (persist.ts), so a
 * failed or overtaken write loses nothing; every addition tells the persister a write is due.
 */
import type { Tables } from "./schema.js";

export class Outbox {
  /** Called when something is added (persist.ts schedules a write). */
  onDirty: (() => void) | null = null;

  constructor(
    private readonly sql: SqlStorage,
    private readonly tables: Tables,
  ) {}

  /** Step `id` changed or went away. */
  step(id: string): void {
    this.sql.exec("INSERT OR IGNORE INTO outbox (step_id) VALUES (?)", id);
    this.onDirty?.();
  }

  /** Element `id` was added, changed or removed. */
  element(id: string): void {
    this.tables
      .write("element_outbox")
      .exec("INSERT OR IGNORE INTO element_outbox (element_id) VALUES (?)", id);
    this.onDirty?.();
  }

  /** Ids of steps changed since the last successful D1 write. */
  steps(): string[] {
    return this.sql
      .exec<{ step_id: string }>("SELECT step_id FROM outbox")
      .toArray()
      .map((r) => r.step_id);
  }

  /** Ids of elements added, changed or removed since the last successful D1 write. */
  elements(): string[] {
    const sql = this.tables.read("element_outbox");
    if (!sql) return [];
    return sql
      .exec<{ element_id: string }>("SELECT element_id FROM element_outbox")
      .toArray()
      .map((r) => r.element_id);
  }

  clearSteps(ids: string[]): void {
    for (const id of ids) this.sql.exec("DELETE FROM outbox WHERE step_id = ?", id);
  }

  clearElements(ids: string[]): void {
    const sql = this.tables.read("element_outbox");
    for (const id of ids) sql?.exec("DELETE FROM element_outbox WHERE element_id = ?", id);
  }
}
