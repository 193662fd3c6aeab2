/**
 * Everything a chat session must not lose, in the Durable Object's SQLite, one store per
 * concept: the event log, the session's meta, steps, elements, user-session values, work in
 * flight, the D1 outbox and uploads (tables: ./schema.ts). Instance fields anywhere are caches
 * of this, never the truth: hibernation, eviction and restarts throw them away.
 *
 * SQLite calls are synchronous and the runtime batches the writes of one turn into one
 * implicit transaction, so each call is cheap. No table exists until the session is created.
 */
import { ElementStore } from "./elements.js";
import { EventLog } from "./event-log.js";
import { InFlightStore } from "./in-flight.js";
import { MetaStore } from "./meta.js";
import { Outbox } from "./outbox.js";
import { type LazyTable, migrate, Tables } from "./schema.js";
import { StepStore } from "./steps.js";
import { UploadStore } from "./uploads.js";
import { UserSessionStore } from "./user-session.js";

export { EVENT_LOG_BYTES, EVENT_LOG_LIMIT } from "./event-log.js";
export type { MetaValues, SessionStatus } from "./meta.js";
export type { UploadMeta } from "./uploads.js";

export class SessionStore {
  readonly outbox: Outbox;
  readonly log: EventLog;
  readonly meta: MetaStore;
  readonly steps: StepStore;
  readonly elements: ElementStore;
  readonly values: UserSessionStore;
  readonly inFlight: InFlightStore;
  readonly uploads: UploadStore;
  /** Which tables there are; the LAZY_TABLES are made on their first write (./schema.ts). */
  readonly #tables: Tables;
  /** False until the session is created: a request for an unknown id writes nothing. */
  #exists = false;

  constructor(private readonly sql: SqlStorage) {
    const tables = new Tables(sql);
    this.#tables = tables;
    this.outbox = new Outbox(sql, tables);
    this.log = new EventLog(sql, this.outbox);
    this.meta = new MetaStore(sql);
    this.steps = new StepStore(sql, this.log, this.outbox);
    this.log.beforeTrim = () => this.steps.foldStreaming();
    this.elements = new ElementStore(tables, this.outbox);
    this.values = new UserSessionStore(sql);
    this.inFlight = new InFlightStore(sql, tables);
    this.uploads = new UploadStore(tables);
    if (tables.created) this.#open();
  }

  /**
   * The SQLite to use a lazy table of a feature module with (copilot, MCP, platform, usage):
   * for `read`, null while the table does not exist (nothing in it); `write` makes it first.
   * Null for both until the session exists.
   */
  table(name: LazyTable, use: "read" | "write"): SqlStorage | null {
    if (!this.#exists) return null;
    return use === "write" ? this.#tables.write(name) : this.#tables.read(name);
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
    migrate(this.sql, this.#tables);
    this.log.load();
    this.steps.load();
    this.#exists = true;
  }

  /** Recreates the empty tables after `storage.deleteAll()` (a deleted thread). */
  reset(): void {
    this.forget();
    this.#open();
  }

  /** Forgets everything after `storage.deleteAll()`: the session no longer exists. */
  forget(): void {
    this.#tables.forget();
    this.values.forget();
    this.log.forget();
    this.steps.forget();
    this.#exists = false;
  }
}
