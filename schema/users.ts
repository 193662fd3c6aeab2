/** People who own threads: a signed-in user or the anonymous visitor of public mode. */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  /** `cl.User.identifier`; the owner key of every thread. */
  identifier: text("identifier").notNull().unique(),
  displayName: text("display_name"),
  metadata: text("metadata", { mode: "json" }).$type<Record<string, unknown>>(),
  /** Epoch ms. */
  createdAt: integer("created_at").notNull(),
});

/**
 * Login tokens signed out before they expired (`POST /auth/logout`), by their `jti`. A row is
 * needed only until its token would have expired anyway, then it is swept.
 */
export const revokedTokens = sqliteTable(
  "revoked_tokens",
  {
    jti: text("jti").primaryKey(),
    /** Epoch ms: when the token expires on its own. */
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("revoked_tokens_expiry_idx").on(t.expiresAt)],
);
