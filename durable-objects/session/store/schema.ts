/**
 * Every table of a session's SQLite, made in one place: the session's own as numbered
 * migrations when it is created, the ones a plain chat never writes (LAZY_TABLES) by `Tables` on
 * their first write. A Durable Object with none of them is a session nobody created.
 * `schema_version` holds the number of migrations applied, so an up-to-date database runs one
 * read on open (and one for the table list), and no module runs a CREATE TABLE of its own.
 */

/**
 * Every table is at least one 4 KiB page of the file (and of the page cache while the object
 * lives); a rowid table with a text primary key is two, the table and its key's index. So the
 * small tables whose rows are read by key, or all at once in any order, are WITHOUT ROWID: one
 * b-tree each (a new session's database is ~40 KiB smaller; `npm run bench:cost`). The outboxes
 * keep their rowid: D1 is written in the order they were filled. Databases made before keep
 * their tables; the queries are the same for both.
 *
 * The migrations in order; one never changes once released, a new one goes at the end. Those
 * before `schema_version` existed must also hold on databases older Edgelits left half-made
 * (tables other modules created on first use), hence IF NOT EXISTS and the column check. (The
 * one exception: 1 and 3 no longer make the LAZY_TABLES below; a database is right with or
 * without them, so a database that ran the old 1 and 3 needs nothing.)
 */
const MIGRATIONS: ((sql: SqlStorage, fresh: boolean) => void)[] = [
  // 1: the session's own tables (those a plain chat writes; the others are LAZY_TABLES).
  (sql) =>
    sql.exec(`
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, step_id TEXT, frame TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS steps (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
  type TEXT NOT NULL DEFAULT '', streaming INTEGER NOT NULL DEFAULT 0, input TEXT, output TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS steps_ord_idx ON steps (ord);
CREATE TABLE IF NOT EXISTS user_session (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tasks (id TEXT PRIMARY KEY, started INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seen_messages (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (step_id TEXT PRIMARY KEY);`),
  // 2: steps used to be one JSON column; input and output now have their own columns so that
  // a snapshot reads previews and the chat context reads messages without parsing every prompt.
  // (A fresh database skips the fixes of old ones: each statement run stays compiled in the
  // object's memory while it lives, see meta.ts.)
  (sql, fresh) => fresh || upgradeSteps(sql),
  // 3: made the tables of copilot calls, MCP servers, the chat platform client and the token
  // total; they are LAZY_TABLES now, made on their first write (databases that have them keep
  // them).
  () => {},
  // 4: the index of deltas by step doubled the rows written per streamed token (the event and
  // its index entry: DO storage bills both). A step's deltas are read from its last fold on,
  // a range of the event log's own key, so the index is not needed.
  (sql, fresh) => fresh || sql.exec("DROP INDEX IF EXISTS events_step_idx"),
];

/**
 * The tables a plain chat never writes, each made on its first write: a live session holds
 * every table it has in its page cache and parsed schema (a new session's tables cost +34 KiB
 * over the bare relay, all of these too +109 KiB, on 2026-11-27: `npm run bench:idle -- --kinds
 * bare-tables,bare-all-tables`). A table that is not there reads as empty. Databases made before
 * keep the ones they have.
 */
export const LAZY_TABLES = {
  elements:
    "CREATE TABLE IF NOT EXISTS elements (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, data TEXT NOT NULL)",
  element_outbox: "CREATE TABLE IF NOT EXISTS element_outbox (element_id TEXT PRIMARY KEY)",
  asks: "CREATE TABLE IF NOT EXISTS asks (id TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID",
  uploads: `CREATE TABLE IF NOT EXISTS uploads (id TEXT PRIMARY KEY, slot TEXT NOT NULL,
  used INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL, data TEXT NOT NULL) WITHOUT ROWID`,
  copilot_calls:
    "CREATE TABLE IF NOT EXISTS copilot_calls (id TEXT PRIMARY KEY, deadline INTEGER) WITHOUT ROWID",
  mcp_servers: `CREATE TABLE IF NOT EXISTS mcp_servers (name TEXT PRIMARY KEY, ord INTEGER NOT NULL,
  url TEXT NOT NULL, transport TEXT NOT NULL, headers TEXT NOT NULL, tools TEXT NOT NULL,
  dev INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID`,
  platform:
    "CREATE TABLE IF NOT EXISTS platform (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
  platform_messages:
    "CREATE TABLE IF NOT EXISTS platform_messages (step_id TEXT PRIMARY KEY, ref TEXT NOT NULL, sent TEXT NOT NULL) WITHOUT ROWID",
  platform_files:
    "CREATE TABLE IF NOT EXISTS platform_files (element_id TEXT PRIMARY KEY) WITHOUT ROWID",
  token_usage: `CREATE TABLE IF NOT EXISTS token_usage (id INTEGER PRIMARY KEY CHECK (id = 1),
  input INTEGER NOT NULL, output INTEGER NOT NULL)`,
  token_usage_steps:
    "CREATE TABLE IF NOT EXISTS token_usage_steps (step_id TEXT PRIMARY KEY) WITHOUT ROWID",
} as const;

export type LazyTable = keyof typeof LAZY_TABLES;

/**
 * Which tables this database has, read once per instance: `read` is the SQLite to query a
 * lazy table with, or null while it does not exist (nothing to read); `write` makes it first.
 */
export class Tables {
  #names: Set<string> | null = null;

  constructor(private readonly sql: SqlStorage) {}

  #known(): Set<string> {
    this.#names ??= new Set(
      this.sql
        .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .toArray()
        .map((r) => r.name),
    );
    return this.#names;
  }

  /** True when the database has table `name`. */
  has(name: string): boolean {
    return this.#known().has(name);
  }

  /** True when the session's own tables exist (the session was created, maybe by an older Edgelit). */
  get created(): boolean {
    return this.has("meta") || this.has("events") || this.has("steps");
  }

  read(table: LazyTable): SqlStorage | null {
    return this.#known().has(table) ? this.sql : null;
  }

  write(table: LazyTable): SqlStorage {
    const names = this.#known();
    if (!names.has(table)) {
      this.sql.exec(LAZY_TABLES[table]);
      names.add(table);
    }
    return this.sql;
  }

  /** The database changed under us (migrated, or wiped by `deleteAll`): read it again. */
  forget(): void {
    this.#names = null;
  }
}

/** The schema version of a database with every migration applied. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The number of migrations applied (0 for a database from before they were counted). */
export function schemaVersion(sql: SqlStorage): number {
  const table = sql
    .exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    .toArray();
  return table.length === 0 ? 0 : storedVersion(sql);
}

function storedVersion(sql: SqlStorage): number {
  const row = sql.exec<{ v: number }>("SELECT version AS v FROM schema_version").toArray()[0];
  return row ? Number(row.v) : 0;
}

/**
 * Creates the tables, or brings older ones up to date; a current database is left alone (one
 * read: its version).
 */
export function migrate(sql: SqlStorage, tables: Tables): void {
  const from = tables.has("schema_version") ? storedVersion(sql) : 0;
  if (from >= SCHEMA_VERSION) return;
  const fresh = !tables.created;
  for (const step of MIGRATIONS.slice(from)) step(sql, fresh);
  sql.exec(`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
    DELETE FROM schema_version;`);
  sql.exec("INSERT INTO schema_version (version) VALUES (?)", SCHEMA_VERSION);
  tables.forget();
}

function upgradeSteps(sql: SqlStorage): void {
  const columns = sql.exec<{ name: string }>("PRAGMA table_info(steps)").toArray();
  if (columns.some((c) => c.name === "input")) return;
  sql.exec(`
    ALTER TABLE steps ADD COLUMN type TEXT NOT NULL DEFAULT '';
    ALTER TABLE steps ADD COLUMN streaming INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE steps ADD COLUMN input TEXT;
    ALTER TABLE steps ADD COLUMN output TEXT NOT NULL DEFAULT '';
    UPDATE steps SET type = json_extract(data, '$.type'),
      streaming = COALESCE(json_extract(data, '$.streaming'), 0),
      input = json_extract(data, '$.input'),
      output = COALESCE(json_extract(data, '$.output'), ''),
      data = json_remove(data, '$.input', '$.output');`);
}
