/**
 * One row per chat session that got a user interaction; the id is the session id. Listed in
 * the history by owner, newest first.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users.js";

export const threads = sqliteTable(
  "threads",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    /** Who may list, open, rename and delete it; the caller's `identifier`. */
    ownerIdentifier: text("owner_identifier").notNull(),
    name: text("name").notNull(),
    metadata: text("metadata", { mode: "json" }).$type<Record<string, unknown>>(),
    tags: text("tags", { mode: "json" }).$type<string[]>(),
    /** Epoch ms. */
    createdAt: integer("created_at").notNull(),
    /** Epoch ms of the last persisted change; the history's sort key. */
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("threads_owner_updated_idx").on(t.ownerIdentifier, t.updatedAt, t.id)],
);
