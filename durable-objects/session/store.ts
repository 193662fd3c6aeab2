/**
 * Everything a chat session must not lose, in the Durable Object's SQLite: the event log, the
 * materialised messages/steps/elements, the user session, lifecycle flags, open asks and
 * running tasks. Instance fields are caches of this, never the truth: hibernation, eviction
 * and restarts throw them away.
 *
 * SQLite calls are synchronous and the runtime batches the writes of one turn into one
 * implicit transaction, so each call here is cheap.
 */
import type { CommandData, ModesState } from "../../protocol/composer.js";
import {
  type AskData,
  type ElementData,
  type FeedbackData,
  STEP_PREVIEW_CHARS,
  type StepData,
} from "../../protocol/frames.js";
import type { InputWidget } from "../../protocol/settings.js";
import { utf8Bytes } from "../../protocol/utf8.js";
import { createTables, hasTables } from "./store-schema.js";

/** Events kept for replay; a client further behind gets a snapshot instead. */
export const EVENT_LOG_LIMIT = 5000;

/**
 * Bytes of encoded events kept for replay. A count alone lets large events (long answers sent
 * again and again) grow the log without bound; past this the oldest events go until half of
 * it is left, so a trim runs once per EVENT_LOG_BYTES / 2 of new events at most.
 */
export const EVENT_LOG_BYTES = 4 * 1024 * 1024;

/** Lifecycle of a session, kept in `meta.status`. */
export type SessionStatus = "new" | "active" | "ended";

export interface MetaValues {
  sessionId: string;
  owner: string;
  status: SessionStatus;
  threadName: string;
  settings: { widgets: InputWidget[]; values: Record<string, unknown> };
  /** Epoch ms after which the session ends if no client is connected. */
  endAt: number;
  createdAt: number;
  chatProfile: string;
  /** Epoch ms when pending changes are written to D1 (persist.ts). */
  persistAt: number;
  /** D1 writes failed in a row; sets the retry backoff. */
  persistFailures: number;
  /** Epoch ms after which a session never opened (no hello) is deleted. */
  unopenedUntil: number;
  /** `cl.setCommands`: the commands a user message may carry. */
  commands: CommandData[];
  /** `cl.setModes`: the pickers, and the choice each had in the last message (or its default). */
  modes: ModesState;
}

type StepRow = {
  seq: number;
  data: string;
  input: string | null;
  output: string;
};

const STEP_ROW = "seq, data, input, output";
/** SQL condition: the step is a message (its type ends in `_message`). */
/** protocol/frames.ts's `isMessage`, in SQL. */
const IS_MESSAGE = `type LIKE '%\\_message' ESCAPE '\\'`;

function rowToStep(row: StepRow): StepData {
  const step = JSON.parse(row.data) as StepData;
  step.output = row.output;
  if (row.input !== null) step.input = row.input;
  return step;
}

export class SessionStore {
  #seq: number;
  #order: number;
  /** UTF-8 bytes of the frames in the event log. */
  #logBytes: number;
  /**
   * `userSession` values handed to app code in this instance's life, with the stored form they
   * were read or written as: `get` returns the same object each time, and changes made to it
   * in place are written back (sdk/user-session.ts).
   */
  readonly #live = new Map<string, { value: unknown; encoded: string }>();
  /** Called when something is added to the D1 outbox (persist.ts schedules a write). */
  onDirty: (() => void) | null = null;

  /** False until the session is created: a request for an unknown id writes nothing. */
  #exists = false;

  constructor(private readonly sql: SqlStorage) {
    this.#seq = 0;
    this.#order = 0;
    this.#logBytes = 0;
    if (hasTables(sql)) this.#open();
  }

  /** True once the session was created (and until its storage is deleted). */
  get exists(): boolean {
    return this.#exists;
  }

  /** Creates the tables: the first write of a new session. */
  init(): void {
    if (!this.#exists) this.#open();
  }

  #open(): void {
    createTables(this.sql);
    this.#seq = this.#scalar("SELECT COALESCE(MAX(seq), 0) AS v FROM events");
    this.#seq = Math.max(this.#seq, Number(this.getMeta("lastSeq") ?? 0));
    this.#order = this.#scalar("SELECT COALESCE(MAX(ord), 0) AS v FROM steps");
    this.#logBytes = this.#storedLogBytes();
    this.#exists = true;
  }

  #storedLogBytes(): number {
    return this.#scalar("SELECT COALESCE(SUM(length(CAST(frame AS BLOB))), 0) AS v FROM events");
  }

  #scalar(query: string, ...args: SqlStorageValue[]): number {
    const row = this.sql.exec<{ v: number }>(query, ...args).toArray()[0];
    return row ? Number(row.v) : 0;
  }

  // --- meta -------------------------------------------------------------------------------

  getMeta<K extends keyof MetaValues>(key: K | "lastSeq"): MetaValues[K] | undefined {
    const row = this.sql
      .exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key)
      .toArray()[0];
    return row ? (JSON.parse(row.value) as MetaValues[K]) : undefined;
  }

  setMeta<K extends keyof MetaValues>(key: K, value: MetaValues[K]): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
      key,
      JSON.stringify(value),
    );
  }

  deleteMeta(key: keyof MetaValues): void {
    this.sql.exec("DELETE FROM meta WHERE key = ?", key);
  }

  // --- event log ----------------------------------------------------------------------------

  get seq(): number {
    return this.#seq;
  }

  nextSeq(): number {
    return ++this.#seq;
  }

  nextOrder(): number {
    return ++this.#order;
  }

  /** Appends an encoded event. `stepId` is set for deltas so snapshots can replay them. */
  appendEvent(seq: number, frame: string, stepId: string | null = null): void {
    this.sql.exec("INSERT INTO events (seq, step_id, frame) VALUES (?, ?, ?)", seq, stepId, frame);
    this.#logBytes += utf8Bytes(frame);
    if (stepId !== null) this.#dirty(stepId);
    if (seq % 500 === 0 || this.#logBytes > EVENT_LOG_BYTES) this.#trim();
  }

  /** UTF-8 bytes of the event log now. */
  get logBytes(): number {
    return this.#logBytes;
  }

  /** Events kept in the log. */
  eventCount(): number {
    return this.#scalar("SELECT COUNT(*) AS v FROM events");
  }

  /** The encoded events after `seq`, or null when some of them were trimmed away. */
  eventsAfter(seq: number): string[] | null {
    // An empty log after events were sent has lost them all.
    const oldest = this.#scalar("SELECT COALESCE(MIN(seq), ?) AS v FROM events", this.#seq + 1);
    if (seq < this.#seq && oldest > seq + 1) return null;
    return this.sql
      .exec<{ frame: string }>("SELECT frame FROM events WHERE seq > ? ORDER BY seq", seq)
      .toArray()
      .map((r) => r.frame);
  }

  #trim(): void {
    const cutoff = Math.max(this.#seq - EVENT_LOG_LIMIT, this.#byteCutoff());
    if (cutoff <= 0) return;
    // Deltas of a step still streaming are folded into its row before they go.
    for (const id of this.streamingStepIds()) {
      const step = this.step(id);
      if (step) this.putStep(step, this.#seq);
    }
    this.sql.exec("DELETE FROM events WHERE seq <= ?", cutoff);
    this.sql.exec(
      "INSERT OR REPLACE INTO meta (key, value) VALUES ('lastSeq', ?)",
      String(this.#seq),
    );
    this.#logBytes = this.#storedLogBytes();
  }

  /** The newest seq to delete so that at most EVENT_LOG_BYTES / 2 stay; 0 when under the cap. */
  #byteCutoff(): number {
    if (this.#logBytes <= EVENT_LOG_BYTES) return 0;
    return this.#scalar(
      `SELECT COALESCE(MAX(seq), 0) AS v FROM (
         SELECT seq, SUM(length(CAST(frame AS BLOB))) OVER (ORDER BY seq DESC) AS newer
         FROM events) WHERE newer > ?`,
      EVENT_LOG_BYTES / 2,
    );
  }

  // --- materialised state -----------------------------------------------------------------

  putStep(step: StepData, seq: number): void {
    const { input, output, ...rest } = step;
    this.sql.exec(
      `INSERT OR REPLACE INTO steps (id, ord, seq, data, type, streaming, input, output)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      step.id,
      step.order,
      seq,
      JSON.stringify(rest),
      step.type,
      step.streaming ? 1 : 0,
      input ?? null,
      output,
    );
    this.#dirty(step.id);
  }

  /**
   * Records feedback on a step without rewriting it: only the `feedback` field of its row
   * changes, so text streamed into it (deltas after the row's seq) stays applied.
   */
  setFeedback(id: string, feedback: FeedbackData): void {
    this.sql.exec(
      "UPDATE steps SET data = json_set(data, '$.feedback', json(?)) WHERE id = ?",
      JSON.stringify(feedback),
      id,
    );
    this.#dirty(id);
  }

  /** `step` with the feedback stored for it, when it carries none itself. */
  keepFeedback(step: StepData): StepData {
    if (step.feedback) return step;
    const stored = this.sql
      .exec<{ f: string | null }>(
        "SELECT json_extract(data, '$.feedback') AS f FROM steps WHERE id = ?",
        step.id,
      )
      .toArray()[0]?.f;
    return stored ? { ...step, feedback: JSON.parse(stored) as FeedbackData } : step;
  }

  deleteStep(id: string): void {
    this.sql.exec("DELETE FROM steps WHERE id = ?", id);
    this.#dirty(id);
  }

  /** One step with the deltas streamed since its last full write applied. */
  step(id: string): StepData | undefined {
    const row = this.sql
      .exec<StepRow>(`SELECT ${STEP_ROW} FROM steps WHERE id = ?`, id)
      .toArray()[0];
    return row ? this.#withDeltas(rowToStep(row), row.seq) : undefined;
  }

  /** All steps (or only the messages) in server order, streamed text included. */
  steps(only?: "messages"): StepData[] {
    const where = only === "messages" ? `WHERE ${IS_MESSAGE}` : "";
    return this.sql
      .exec<StepRow>(`SELECT ${STEP_ROW} FROM steps ${where} ORDER BY ord`)
      .toArray()
      .map((row) => this.#withDeltas(rowToStep(row), row.seq));
  }

  /**
   * All steps as a snapshot carries them: a finished non-message step's input and output cut
   * to {@link STEP_PREVIEW_CHARS} (SQLite cuts them, so long prompts are never parsed here),
   * with `truncated` holding the full lengths.
   */
  previewSteps(): StepData[] {
    const n = STEP_PREVIEW_CHARS;
    const keep = `${IS_MESSAGE} OR streaming = 1`;
    return this.sql
      .exec<StepRow & { input_len: number | null; output_len: number }>(
        `SELECT seq, data,
           substr(input, 1, ${n}) AS input, length(input) AS input_len,
           CASE WHEN ${keep} THEN output ELSE substr(output, 1, ${n}) END AS output,
           CASE WHEN ${keep} THEN 0 ELSE length(output) END AS output_len
         FROM steps ORDER BY ord`,
      )
      .toArray()
      .map((row) => {
        const step = this.#withDeltas(rowToStep(row), row.seq);
        const truncated: NonNullable<StepData["truncated"]> = {};
        if ((row.input_len ?? 0) > n) truncated.input = row.input_len ?? 0;
        if (row.output_len > n) truncated.output = row.output_len;
        return truncated.input || truncated.output ? { ...step, truncated } : step;
      });
  }

  /** Every action attached to a step (read without the steps' texts). */
  actions(): NonNullable<StepData["actions"]> {
    return this.sql
      .exec<{ data: string }>(
        `SELECT data FROM steps WHERE instr(data, '"actions"') > 0 ORDER BY ord`,
      )
      .toArray()
      .flatMap((row) => (JSON.parse(row.data) as StepData).actions ?? []);
  }

  /** Ids of the steps still streaming. */
  streamingStepIds(): string[] {
    return this.sql
      .exec<{ id: string }>("SELECT id FROM steps WHERE streaming = 1")
      .toArray()
      .map((r) => r.id);
  }

  #withDeltas(step: StepData, since: number): StepData {
    if (!step.streaming) return step;
    const deltas = this.sql
      .exec<{ frame: string }>(
        "SELECT frame FROM events WHERE step_id = ? AND seq > ? ORDER BY seq",
        step.id,
        since,
      )
      .toArray();
    for (const { frame } of deltas) {
      const delta = JSON.parse(frame) as { text: string; replace?: boolean };
      step.output = delta.replace ? delta.text : step.output + delta.text;
    }
    return step;
  }

  putElement(element: ElementData): void {
    const ord = this.#scalar("SELECT COALESCE(MAX(ord), 0) + 1 AS v FROM elements");
    this.sql.exec(
      `INSERT INTO elements (id, ord, data) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET data = excluded.data`,
      element.id,
      ord,
      JSON.stringify(element),
    );
    this.#dirtyElement(element.id);
  }

  deleteElement(id: string): void {
    this.sql.exec("DELETE FROM elements WHERE id = ?", id);
    this.#dirtyElement(id);
  }

  elements(): ElementData[] {
    return this.sql
      .exec<{ data: string }>("SELECT data FROM elements ORDER BY ord")
      .toArray()
      .map((r) => JSON.parse(r.data) as ElementData);
  }

  // --- user session ---------------------------------------------------------------------------

  getValue(key: string): string | undefined {
    return this.sql
      .exec<{ value: string }>("SELECT value FROM user_session WHERE key = ?", key)
      .toArray()[0]?.value;
  }

  /** Stores a value written by Edgelit itself; a live copy app code holds is dropped. */
  setValue(key: string, encoded: string): void {
    this.#live.delete(key);
    this.sql.exec("INSERT OR REPLACE INTO user_session (key, value) VALUES (?, ?)", key, encoded);
  }

  deleteValue(key: string): void {
    this.#live.delete(key);
    this.sql.exec("DELETE FROM user_session WHERE key = ?", key);
  }

  /** The live value of `key` and the stored form it was last read or written as. */
  liveValue(key: string): { value: unknown; encoded: string } | undefined {
    return this.#live.get(key);
  }

  /** Remembers the value app code got for `key`; `write` stores its encoded form too. */
  keepLive(key: string, value: unknown, encoded: string, write: boolean): void {
    if (write) this.setValue(key, encoded);
    this.#live.set(key, { value, encoded });
  }

  /** Every live value, for the write-back of changes made in place. */
  liveValues(): [string, { value: unknown; encoded: string }][] {
    return [...this.#live];
  }

  // --- tasks, asks, dedupe ----------------------------------------------------------------

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
    this.sql.exec(
      "INSERT OR REPLACE INTO asks (id, data) VALUES (?, ?)",
      ask.id,
      JSON.stringify(ask),
    );
  }

  deleteAsk(id: string): void {
    this.sql.exec("DELETE FROM asks WHERE id = ?", id);
  }

  asks(): AskData[] {
    return this.sql
      .exec<{ data: string }>("SELECT data FROM asks")
      .toArray()
      .map((r) => JSON.parse(r.data) as AskData);
  }

  /** Records a client message id; false when it was seen before (a resend after reconnect). */
  markSeen(id: string): boolean {
    const before = this.#scalar("SELECT COUNT(*) AS v FROM seen_messages WHERE id = ?", id);
    if (before) return false;
    this.sql.exec("INSERT INTO seen_messages (id) VALUES (?)", id);
    return true;
  }

  // --- D1 outbox ------------------------------------------------------------------------------

  /** Ids of steps changed since the last successful D1 write. */
  outbox(): string[] {
    return this.sql
      .exec<{ step_id: string }>("SELECT step_id FROM outbox")
      .toArray()
      .map((r) => r.step_id);
  }

  clearOutbox(ids: string[]): void {
    for (const id of ids) this.sql.exec("DELETE FROM outbox WHERE step_id = ?", id);
  }

  /** Ids of elements added, changed or removed since the last successful D1 write. */
  elementOutbox(): string[] {
    return this.sql
      .exec<{ element_id: string }>("SELECT element_id FROM element_outbox")
      .toArray()
      .map((r) => r.element_id);
  }

  clearElementOutbox(ids: string[]): void {
    for (const id of ids) this.sql.exec("DELETE FROM element_outbox WHERE element_id = ?", id);
  }

  #dirty(stepId: string): void {
    this.sql.exec("INSERT OR IGNORE INTO outbox (step_id) VALUES (?)", stepId);
    this.onDirty?.();
  }

  #dirtyElement(elementId: string): void {
    this.sql.exec("INSERT OR IGNORE INTO element_outbox (element_id) VALUES (?)", elementId);
    this.onDirty?.();
  }

  /** Recreates the empty tables after `storage.deleteAll()` (a deleted thread). */
  reset(): void {
    this.forget();
    this.#open();
  }

  /** Forgets everything after `storage.deleteAll()`: the session no longer exists. */
  forget(): void {
    this.#live.clear();
    this.#seq = 0;
    this.#order = 0;
    this.#logBytes = 0;
    this.#exists = false;
  }
}
