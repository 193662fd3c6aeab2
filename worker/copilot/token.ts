/**
 * Copilot tokens: HS256 with EDGELIT_AUTH_SECRET, audience `edgelit:copilot` (so neither a
 * login cookie nor an OAuth state can pass as one, nor one of these as them), ten minutes of
 * life, and bound to the host origin they were issued to: presented from any other origin,
 * a token is refused.
 */
import { errors, jwtVerify, SignJWT } from "jose";
import type { User } from "../../durable-objects/sdk/user.js";
import { toUser } from "../auth/to-user.js";

const ISSUER = "edgelit";
const AUDIENCE = "edgelit:copilot";

/** How long a copilot token is accepted; the widget asks for a new one before it connects. */
export const COPILOT_TOKEN_TTL_SECONDS = 10 * 60;

const key = (secret: string) => new TextEncoder().encode(secret);

/** A token for `user` of the widget on `origin`; `expiresAt` in epoch ms. */
export async function signCopilotToken(
  user: User,
  origin: string,
  secret: string,
  ttlSeconds = COPILOT_TOKEN_TTL_SECONDS,
): Promise<{ token: string; expiresAt: number }> {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({
    identifier: user.identifier,
    displayName: user.displayName,
    metadata: user.metadata,
    origin,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setJti(crypto.randomUUID())
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(user.identifier)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(key(secret));
  return { token, expiresAt: (now + ttlSeconds) * 1000 };
}

/**
 * The user of a valid token presented from `origin`; null for an expired, tampered or foreign
 * token, or one issued to another origin.
 */
export async function verifyCopilotToken(
  token: string,
  origin: string | null,
  secret: string,
): Promise<User | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    if (!origin || payload.origin !== origin) return null;
    return toUser(payload);
  } catch (err) {
    if (err instanceof errors.JOSEError) return null;
    throw err;
  }
}
