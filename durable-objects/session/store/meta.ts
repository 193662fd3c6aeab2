/**
 * The session's own facts (who owns it, its lifecycle, its name, its deadlines, what the app
 * set for the composer and settings), one JSON value per key of the `meta` table. The keys and
 * their types are MetaValues: a key not there cannot be read or written.
 */
import type { CommandData, ModesState } from "../../../protocol/composer.js";
import type { InputWidget } from "../../../protocol/settings.js";

/**
 * The statements that read and write one key. The runtime keeps every distinct statement an
 * object ran compiled while it lives (~2.7 KiB each: `npm run bench:idle -- --kinds
 * bare-tables,bare-statements`), so the event log's own key uses these too.
 */
export const META_GET = "SELECT value FROM meta WHERE key = ?";
export const META_PUT = "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)";

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

export class MetaStore {
  constructor(private readonly sql: SqlStorage) {}

  get<K extends keyof MetaValues>(key: K): MetaValues[K] | undefined {
    const row = this.sql.exec<{ value: string }>(META_GET, key).toArray()[0];
    return row ? (JSON.parse(row.value) as MetaValues[K]) : undefined;
  }

  set<K extends keyof MetaValues>(key: K, value: MetaValues[K]): void {
    this.sql.exec(META_PUT, key, JSON.stringify(value));
  }

  delete(key: keyof MetaValues): void {
    this.sql.exec("DELETE FROM meta WHERE key = ?", key);
  }
}
