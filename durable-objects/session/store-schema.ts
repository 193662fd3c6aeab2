/**
 * The tables of a session's SQLite and their upgrades. A Durable Object that has none is a
 * session nobody created: the store writes them only when a session is created.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, step_id TEXT, frame TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_step_idx ON events (step_id, seq) WHERE step_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS steps (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
  type TEXT NOT NULL DEFAULT '', streaming INTEGER NOT NULL DEFAULT 0, input TEXT, output TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS steps_ord_idx ON steps (ord);
CREATE TABLE IF NOT EXISTS elements (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS user_session (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tasks (id TEXT PRIMARY KEY, started INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS asks (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seen_messages (id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS outbox (step_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS element_outbox (element_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS uploads (id TEXT PRIMARY KEY, slot TEXT NOT NULL,
  used INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL, data TEXT NOT NULL);
`;

/** True when the session's tables exist (the session was created). */
export function hasTables(sql: SqlStorage): boolean {
  const found = sql.exec(
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'events', 'steps')",
  );
  return found.toArray().length > 0;
}

/** Creates the tables, or brings older ones up to date. */
export function createTables(sql: SqlStorage): void {
  sql.exec(SCHEMA);
  upgradeSteps(sql);
}

/**
 * Steps used to be one JSON column; input and output now have their own columns so that a
 * snapshot reads previews and the chat context reads messages without parsing every prompt.
 */
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
