/**
 * Logout revokes: the signed-out token's id (`jti`) goes into D1's `revoked_tokens` until the
 * token would have expired, and every cookie is checked against it. One D1 read per token per
 * isolate per REVOCATION_CHECK_MS at most: an isolate that saw a token valid trusts that for
 * that long, so a logout made elsewhere takes effect everywhere within that bound (at once in
 * the isolate that handled it).
 */
import { eq, lt } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../schema/index.js";

/** How long an isolate trusts a token it found not revoked. */
export const REVOCATION_CHECK_MS = 10_000;

/** Isolate memory is small: past this many entries the cache starts over. */
const MAX_CACHED = 10_000;

/** jti → when it was last found not revoked. */
const checked = new Map<string, number>();
/** Tokens revoked in this isolate or found revoked: never trusted again here. */
const revoked = new Set<string>();

/** True when the token `jti` was signed out. */
export async function isRevoked(env: Env, jti: string): Promise<boolean> {
  if (revoked.has(jti)) return true;
  const now = Date.now();
  const at = checked.get(jti);
  if (at !== undefined && now - at < REVOCATION_CHECK_MS) return false;
  const row = await drizzle(env.DB, { schema })
    .select({ jti: schema.revokedTokens.jti })
    .from(schema.revokedTokens)
    .where(eq(schema.revokedTokens.jti, jti))
    .get();
  if (row) {
    checked.delete(jti);
    if (revoked.size >= MAX_CACHED) revoked.clear();
    revoked.add(jti);
    return true;
  }
  if (checked.size >= MAX_CACHED) checked.clear();
  checked.set(jti, now);
  return false;
}

/** Signs the token `jti` out for good; rows of tokens that expired since are swept. */
export async function revoke(env: Env, jti: string, expiresAt: number): Promise<void> {
  checked.delete(jti);
  revoked.add(jti);
  const db = drizzle(env.DB, { schema });
  await db.batch([
    db.insert(schema.revokedTokens).values({ jti, expiresAt }).onConflictDoNothing(),
    db.delete(schema.revokedTokens).where(lt(schema.revokedTokens.expiresAt, Date.now())),
  ]);
}
