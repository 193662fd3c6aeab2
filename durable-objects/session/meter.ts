/**
 * What a session's writes cost, counted where they happen: statements and rows written to the
 * Durable Object's SQLite, D1 round-trips with their statements and bound bytes, R2 objects and
 * bytes. The counts live in memory since this instance woke (a diagnostic, not state: a
 * hibernation resets them, and counting must not itself write). Tests and the benchmark read
 * them through the Durable Object's `meter()` RPC; no client can.
 */
import { utf8Bytes } from "../../protocol/utf8.js";

/** One reading of a session's write path, and what its state costs to hold and to send. */
export interface MeterReading {
  /** Statements run on the DO's SQLite, and rows they wrote. */
  doStatements: number;
  doRowsWritten: number;
  /** Bytes of the DO's SQLite database (pages, including free ones). */
  doBytes: number;
  /** `db.batch` round-trips to D1, the statements in them and the bytes bound to them. */
  d1Batches: number;
  d1Statements: number;
  d1BoundBytes: number;
  /** Objects and bytes the session put into R2 (element files; uploads go Worker → R2). */
  r2Puts: number;
  r2Bytes: number;
  /** The event log: events kept for resume and their UTF-8 bytes. */
  eventLogEvents: number;
  eventLogBytes: number;
  /** UTF-8 bytes of the snapshot frame a fresh client gets. */
  snapshotBytes: number;
}

/** The counters of one session instance. */
export class Meter {
  doStatements = 0;
  doRowsWritten = 0;
  d1Batches = 0;
  d1Statements = 0;
  d1BoundBytes = 0;
  r2Puts = 0;
  r2Bytes = 0;

  /** `sql` with every `exec` counted (statements, and rows written, which are known at once). */
  wrap(sql: SqlStorage): SqlStorage {
    const exec = <T extends Record<string, SqlStorageValue>>(
      query: string,
      ...bindings: unknown[]
    ): SqlStorageCursor<T> => {
      const cursor = sql.exec<T>(query, ...bindings);
      this.doStatements++;
      this.doRowsWritten += cursor.rowsWritten;
      return cursor;
    };
    return new Proxy(sql, {
      get: (target, key) => {
        if (key === "exec") return exec;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  /** Counts one D1 batch of Drizzle `statements` and the parameters bound to them. */
  d1Batch(statements: object[]): void {
    this.d1Batches++;
    this.d1Statements += statements.length;
    for (const statement of statements) {
      // Every Drizzle query builder has toSQL(); the batch item type does not say so.
      if (!("toSQL" in statement) || typeof statement.toSQL !== "function") continue;
      const query: unknown = statement.toSQL.call(statement);
      if (typeof query !== "object" || query === null || !("params" in query)) continue;
      if (!Array.isArray(query.params)) continue;
      for (const p of query.params) this.d1BoundBytes += bytes(p);
    }
  }

  /** Counts one R2 put of `size` bytes. */
  r2Put(size: number): void {
    this.r2Puts++;
    this.r2Bytes += size;
  }
}

function bytes(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "string") return utf8Bytes(value);
  if (typeof value === "number" || typeof value === "bigint") return 8;
  if (typeof value === "boolean") return 1;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return value.byteLength;
  return utf8Bytes(JSON.stringify(value));
}
