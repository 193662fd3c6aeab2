/**
 * The record of each upload whose bytes are in R2: its id (made by the server), the slot it
 * counts in (`message`, or the id of the file ask it answers), and whether a message or an
 * answer used it. An upload is used at most once; only unused ones can be dropped. The bytes
 * themselves are R2's (files.ts deletes them with the records).
 */

/** What the server knows of one upload. */
export interface UploadMeta {
  id: string;
  name: string;
  mime: string;
  size: number;
}

import type { Tables } from "./schema.js";

export class UploadStore {
  constructor(private readonly tables: Tables) {}

  /** Uploads recorded in a slot and not yet sent with a message or an answer. */
  pendingCount(slot: string): number {
    const row = this.tables
      .read("uploads")
      ?.exec<{ n: number }>("SELECT COUNT(*) AS n FROM uploads WHERE slot = ? AND used = 0", slot)
      .toArray()[0];
    return row ? Number(row.n) : 0;
  }

  record(meta: UploadMeta, slot: string): void {
    this.tables
      .write("uploads")
      .exec(
        "INSERT INTO uploads (id, slot, created, data) VALUES (?, ?, ?, ?)",
        meta.id,
        slot,
        Date.now(),
        JSON.stringify(meta),
      );
  }

  /** An unused upload of `slot`, or undefined. */
  unused(id: string, slot: string): UploadMeta | undefined {
    const row = this.tables
      .read("uploads")
      ?.exec<{ data: string }>(
        "SELECT data FROM uploads WHERE id = ? AND slot = ? AND used = 0",
        id,
        slot,
      )
      .toArray()[0];
    return row ? (JSON.parse(row.data) as UploadMeta) : undefined;
  }

  /** A used upload, or undefined. */
  used(id: string): UploadMeta | undefined {
    const row = this.tables
      .read("uploads")
      ?.exec<{ data: string }>("SELECT data FROM uploads WHERE id = ? AND used = 1", id)
      .toArray()[0];
    return row ? (JSON.parse(row.data) as UploadMeta) : undefined;
  }

  markUsed(ids: string[]): void {
    const sql = this.tables.read("uploads");
    for (const id of ids) sql?.exec("UPDATE uploads SET used = 1 WHERE id = ?", id);
  }

  /** Deletes an unused upload's record; false when there was none. */
  dropUnused(id: string): boolean {
    const rows = this.tables
      .read("uploads")
      ?.exec("DELETE FROM uploads WHERE id = ? AND used = 0 RETURNING id", id)
      .toArray();
    return (rows?.length ?? 0) > 0;
  }

  /** Deletes the unused uploads of a slot; returns their ids. */
  dropSlot(slot: string): string[] {
    const sql = this.tables.read("uploads");
    if (!sql) return [];
    return sql
      .exec<{ id: string }>("DELETE FROM uploads WHERE slot = ? AND used = 0 RETURNING id", slot)
      .toArray()
      .map((r) => r.id);
  }

  /** Deletes the unused uploads of every slot but `keep` and the open `asks`; returns their ids. */
  dropStale(keep: string, asks: Set<string>): string[] {
    const sql = this.tables.read("uploads");
    if (!sql) return [];
    const stale = sql
      .exec<{ id: string; slot: string }>(
        "SELECT id, slot FROM uploads WHERE used = 0 AND slot != ?",
        keep,
      )
      .toArray()
      .filter((r) => !asks.has(r.slot))
      .map((r) => r.id);
    for (const id of stale) sql.exec("DELETE FROM uploads WHERE id = ? AND used = 0", id);
    return stale;
  }
}
