/**
 * The event log: every event the session sent, encoded once, in seq order, so a client that
 * reconnects gets exactly what it missed. It is capped by count (EVENT_LOG_LIMIT) and by bytes
 * (EVENT_LOG_BYTES); before old events go, the deltas of steps still streaming are folded into
 * their rows, so trimming never loses text. `seq` only grows, even across a trim (`lastSeq`).
 */
import { utf8Bytes } from "../../../protocol/utf8.js";
import { META_GET, META_PUT } from "./meta.js";
import type { Outbox } from "./outbox.js";

/** Events kept for replay; a client further behind gets a snapshot instead. */
export const EVENT_LOG_LIMIT = 5000;

/**
 * Bytes of encoded events kept for replay. A count alone lets large events (long answers sent
 * again and again) grow the log without bound; past this the oldest events go until half of
 * it is left, so a trim runs once per EVENT_LOG_BYTES / 2 of new events at most.
 */
export const EVENT_LOG_BYTES = 4 * 1024 * 1024;

export class EventLog {
  #seq = 0;
  /** UTF-8 bytes of the frames in the log. */
  #bytes = 0;
  /** Folds the deltas of streaming steps into their rows; runs before a trim. */
  beforeTrim: () => void = () => {};

  constructor(
    private readonly sql: SqlStorage,
    private readonly outbox: Outbox,
  ) {}

  /** Reads the counters back from storage (a wake-up, or a session just created). */
  load(): void {
    const lastSeq = this.sql.exec<{ value: string }>(META_GET, "lastSeq").toArray()[0]?.value;
    const stored = this.#stored();
    this.#seq = Math.max(stored.seq, Number(lastSeq ?? 0));
    this.#bytes = stored.bytes;
  }

  /** Forgets the counters after the storage was wiped. */
  forget(): void {
    this.#seq = 0;
    this.#bytes = 0;
  }

  /** The seq of the last event. */
  get seq(): number {
    return this.#seq;
  }

  nextSeq(): number {
    return ++this.#seq;
  }

  /** Appends an encoded event. `stepId` is set for deltas so snapshots can replay them. */
  append(seq: number, frame: string, stepId: string | null = null): void {
    this.sql.exec("INSERT INTO events (seq, step_id, frame) VALUES (?, ?, ?)", seq, stepId, frame);
    this.#bytes += utf8Bytes(frame);
    if (stepId !== null) this.outbox.step(stepId);
    if (seq % 500 === 0 || this.#bytes > EVENT_LOG_BYTES) this.#trim();
  }

  /** UTF-8 bytes of the log now. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Events kept in the log. */
  count(): number {
    return scalar(this.sql, "SELECT COUNT(*) AS v FROM events");
  }

  /** The encoded events after `seq`, or null when some of them were trimmed away. */
  after(seq: number): string[] | null {
    // An empty log after events were sent has lost them all.
    const oldest = scalar(this.sql, "SELECT COALESCE(MIN(seq), ?) AS v FROM events", this.#seq + 1);
    if (seq < this.#seq && oldest > seq + 1) return null;
    return this.sql
      .exec<{ frame: string }>("SELECT frame FROM events WHERE seq > ? ORDER BY seq", seq)
      .toArray()
      .map((r) => r.frame);
  }

  /** The delta frames streamed into step `id` after `since`, oldest first. */
  deltas(id: string, since: number): string[] {
    return this.sql
      .exec<{ frame: string }>(
        // A range of the primary key from `since`, filtered: no index on step_id to keep
        // up to date on every streamed token.
        "SELECT frame FROM events WHERE seq > ? AND step_id = ? ORDER BY seq",
        since,
        id,
      )
      .toArray()
      .map((r) => r.frame);
  }

  #trim(): void {
    const cutoff = Math.max(this.#seq - EVENT_LOG_LIMIT, this.#byteCutoff());
    if (cutoff <= 0) return;
    this.beforeTrim();
    this.sql.exec("DELETE FROM events WHERE seq <= ?", cutoff);
    this.sql.exec(META_PUT, "lastSeq", String(this.#seq));
    this.#bytes = this.#stored().bytes;
  }

  /** The newest seq to delete so that at most EVENT_LOG_BYTES / 2 stay; 0 when under the cap. */
  #byteCutoff(): number {
    if (this.#bytes <= EVENT_LOG_BYTES) return 0;
    return scalar(
      this.sql,
      `SELECT COALESCE(MAX(seq), 0) AS v FROM (
         SELECT seq, SUM(length(CAST(frame AS BLOB))) OVER (ORDER BY seq DESC) AS newer
         FROM events) WHERE newer > ?`,
      EVENT_LOG_BYTES / 2,
    );
  }

  /** The newest seq in the log and the bytes of its frames (one statement for both). */
  #stored(): { seq: number; bytes: number } {
    const row = this.sql
      .exec<{ seq: number; bytes: number }>(
        "SELECT COALESCE(MAX(seq), 0) AS seq, COALESCE(SUM(length(CAST(frame AS BLOB))), 0) AS bytes FROM events",
      )
      .toArray()[0];
    return { seq: Number(row?.seq ?? 0), bytes: Number(row?.bytes ?? 0) };
  }
}

/** The number in column `v` of the first row (0 when there is none). */
export function scalar(sql: SqlStorage, query: string, ...args: SqlStorageValue[]): number {
  const row = sql.exec<{ v: number }>(query, ...args).toArray()[0];
  return row ? Number(row.v) : 0;
}
