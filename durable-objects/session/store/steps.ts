/**
 * The chat's steps as they are now (messages are steps whose type ends in `_message`), one row
 * each. A streaming step's row holds its text up to its `seq`; the deltas after that are in the
 * event log, and every read here applies them, so a step read is always whole. Input and output
 * have their own columns: previews and message lists are cut and filtered by SQLite.
 */
import { type FeedbackData, STEP_PREVIEW_CHARS, type StepData } from "../../../protocol/frames.js";
import { type EventLog, scalar } from "./event-log.js";
import type { Outbox } from "./outbox.js";

type StepRow = {
  seq: number;
  data: string;
  input: string | null;
  output: string;
};

const STEP_ROW = "seq, data, input, output";
/** protocol/frames.ts's `isMessage`, in SQL. */
const IS_MESSAGE = `type LIKE '%\\_message' ESCAPE '\\'`;

function rowToStep(row: StepRow): StepData {
  const step = JSON.parse(row.data) as StepData;
  step.output = row.output;
  if (row.input !== null) step.input = row.input;
  return step;
}

/** What may read steps: writes go through the emitter, which logs and sends them first. */
export type StepReader = Pick<StepStore, "get" | "all" | "previews" | "actions" | "nextOrder">;

export class StepStore {
  /** The `order` of the newest step. */
  #order = 0;

  constructor(
    private readonly sql: SqlStorage,
    private readonly log: EventLog,
    private readonly outbox: Outbox,
  ) {}

  /** Reads the order counter back from storage. */
  load(): void {
    this.#order = scalar(this.sql, "SELECT COALESCE(MAX(ord), 0) AS v FROM steps");
  }

  forget(): void {
    this.#order = 0;
  }

  /** The place of the next step in the chat. */
  nextOrder(): number {
    return ++this.#order;
  }

  /** Writes a step whole, as of event `seq` (deltas after it still apply). */
  put(step: StepData, seq: number): void {
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
    this.outbox.step(step.id);
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
    this.outbox.step(id);
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

  delete(id: string): void {
    this.sql.exec("DELETE FROM steps WHERE id = ?", id);
    this.outbox.step(id);
  }

  /** One step with the deltas streamed since its last full write applied. */
  get(id: string): StepData | undefined {
    const row = this.sql
      .exec<StepRow>(`SELECT ${STEP_ROW} FROM steps WHERE id = ?`, id)
      .toArray()[0];
    return row ? this.#withDeltas(rowToStep(row), row.seq) : undefined;
  }

  /** All steps (or only the messages) in server order, streamed text included. */
  all(only?: "messages"): StepData[] {
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
  previews(): StepData[] {
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
  streamingIds(): string[] {
    return this.sql
      .exec<{ id: string }>("SELECT id FROM steps WHERE streaming = 1")
      .toArray()
      .map((r) => r.id);
  }

  /** Writes the deltas of every streaming step into its row (the log is about to drop them). */
  foldStreaming(): void {
    for (const id of this.streamingIds()) {
      const step = this.get(id);
      if (step) this.put(step, this.log.seq);
    }
  }

  #withDeltas(step: StepData, since: number): StepData {
    if (!step.streaming) return step;
    for (const frame of this.log.deltas(step.id, since)) {
      const delta = JSON.parse(frame) as { text: string; replace?: boolean };
      step.output = delta.replace ? delta.text : step.output + delta.text;
    }
    return step;
  }
}
