/**
 * Signed tokens (HS256 with EDGELIT_AUTH_SECRET): the login session, and the short-lived state
 * of an OAuth redirect. Each kind has its own audience, so one can never be replayed as the
 * other.
 */
import { errors, jwtVerify, SignJWT } from "jose";
import type { User } from "../../durable-objects/sdk/user.js";
import { toUser } from "./to-user.js";

const ISSUER = "edgelit";
const SESSION = "edgelit:session";
const OAUTH_STATE = "edgelit:oauth-state";

/** How long a login lasts. */
export const SESSION_TTL_SECONDS = 15 * 24 * 60 * 60;
/** How long a user has to come back from the OAuth provider. */
export const OAUTH_STATE_TTL_SECONDS = 10 * 60;

const key = (secret: string) => new TextEncoder().encode(secret);

async function sign(
  claims: Record<string, unknown>,
  audience: string,
  ttlSeconds: number,
  secret: string,
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setJti(crypto.randomUUID())
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

/** The claims of a valid token; null for an expired, tampered or foreign one. */
async function verify(
  token: string,
  audience: string,
  secret: string,
): Promise<Record<string, unknown> | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience,
    });
    return payload;
  } catch (err) {
    if (err instanceof errors.JOSEError) return null;
    throw err;
  }
}

/**
 * The session token of a signed-in user.
 * @example
 * const token = await signUser(new User({ identifier: "ada" }), secret);
 */
export function signUser(user: User, secret: string, ttlSeconds = SESSION_TTL_SECONDS) {
  return sign(
    {
      sub: user.identifier,
      identifier: user.identifier,
      displayName: user.displayName,
      metadata: user.metadata,
    },
    SESSION,
    ttlSeconds,
    secret,
  );
}

/** A valid session token: its user, its id (`jti`, what logout revokes) and its expiry. */
export interface SessionToken {
  user: User;
  jti: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** The session of a valid token, or null (also for a token with no id, which cannot be revoked). */
export async function verifyUser(token: string, secret: string): Promise<SessionToken | null> {
  const claims = await verify(token, SESSION, secret);
  const user = claims && toUser(claims);
  const jti = claims?.jti;
  const exp = claims?.exp;
  if (!user || typeof jti !== "string" || !jti || typeof exp !== "number") return null;
  return { user, jti, expiresAt: exp * 1000 };
}

/** What an OAuth redirect must find again on its way back. */
export interface OAuthState {
  provider: string;
  state: string;
  codeVerifier: string;
  nonce?: string;
}

/** The short-lived cookie value that carries an OAuth redirect's secrets. */
export function signOAuthState(state: OAuthState, secret: string): Promise<string> {
  return sign({ ...state }, OAUTH_STATE, OAUTH_STATE_TTL_SECONDS, secret);
}

/** The state of a valid OAuth cookie value, or null. */
export async function verifyOAuthState(token: string, secret: string): Promise<OAuthState | null> {
  const claims = await verify(token, OAUTH_STATE, secret);
  if (!claims) return null;
  const { provider, state, codeVerifier, nonce } = claims;
  if (typeof provider !== "string" || typeof state !== "string") return null;
  if (typeof codeVerifier !== "string") return null;
  return { provider, state, codeVerifier, ...(typeof nonce === "string" ? { nonce } : {}) };
}
