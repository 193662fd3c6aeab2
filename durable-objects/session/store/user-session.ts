/**
 * The `user_session` table: `cl.userSession` values and what Edgelit keeps beside them (the
 * user, the env, the chat profile, settings values, client type, language), stored encoded.
 * The live map is this instance's cache of the objects handed to app code (user-values.ts):
 * a write by Edgelit itself drops the live copy, so the next read sees the stored value.
 */

/** A value handed to app code and the stored form it was read or written as. */
export interface LiveValue {
  value: unknown;
  encoded: string;
}

export class UserSessionStore {
  readonly #live = new Map<string, LiveValue>();

  constructor(private readonly sql: SqlStorage) {}

  get(key: string): string | undefined {
    return this.sql
      .exec<{ value: string }>("SELECT value FROM user_session WHERE key = ?", key)
      .toArray()[0]?.value;
  }

  /** Stores a value written by Edgelit itself; a live copy app code holds is dropped. */
  set(key: string, encoded: string): void {
    this.#live.delete(key);
    this.sql.exec("INSERT OR REPLACE INTO user_session (key, value) VALUES (?, ?)", key, encoded);
  }

  delete(key: string): void {
    this.#live.delete(key);
    this.sql.exec("DELETE FROM user_session WHERE key = ?", key);
  }

  /** The live value of `key` and the stored form it was last read or written as. */
  live(key: string): LiveValue | undefined {
    return this.#live.get(key);
  }

  /** Remembers the value app code got for `key`; `write` stores its encoded form too. */
  keepLive(key: string, value: unknown, encoded: string, write: boolean): void {
    if (write) this.set(key, encoded);
    this.#live.set(key, { value, encoded });
  }

  /** Every live value, for the write-back of changes made in place. */
  liveValues(): [string, LiveValue][] {
    return [...this.#live];
  }

  /** Drops the live copies (the storage was wiped). */
  forget(): void {
    this.#live.clear();
  }
}
