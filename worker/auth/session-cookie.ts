/**
 * The login cookie: a signed session token, HttpOnly (scripts never see it), SameSite=Lax
 * (not sent on cross-site subrequests) and Secure whenever the app is served over https.
 * Logout revokes the token itself (./revocation.ts), so a copy of the cookie dies with it.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { User } from "../../durable-objects/sdk/user.js";
import type { AppEnv } from "../types.js";
import { authSecret, secretError } from "./env.js";
import { SESSION_TTL_SECONDS, signUser, verifyUser } from "./jwt.js";
import { isRevoked, revoke } from "./revocation.js";

export const AUTH_COOKIE = "edgelit_auth";

/** Browsers drop bigger cookies without a word; refuse loudly instead. */
const MAX_COOKIE_CHARS = 4000;

const secure = (c: Context<AppEnv>) => new URL(c.req.url).protocol === "https:";

/** Signs the user in on this browser. */
export async function setAuthCookie(c: Context<AppEnv>, user: User): Promise<void> {
  const token = await signUser(user, authSecret(c.env));
  if (token.length > MAX_COOKIE_CHARS) {
    throw new Error(
      `Edgelit: the signed-in user "${user.identifier}" is too large for a cookie ` +
        `(${token.length} characters); keep cl.User metadata small`,
    );
  }
  setCookie(c, AUTH_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(c),
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
  });
}

/** Signs the user out on this browser. */
export function clearAuthCookie(c: Context<AppEnv>): void {
  deleteCookie(c, AUTH_COOKIE, { path: "/", secure: secure(c) });
}

/** The user of a valid login cookie; an expired, tampered or revoked one is cleared and gives null. */
export async function cookieUser(c: Context<AppEnv>): Promise<User | null> {
  const token = getCookie(c, AUTH_COOKIE);
  if (!token) return null;
  const session = await verifyUser(token, authSecret(c.env));
  if (!session || (await isRevoked(c.env, session.jti))) {
    clearAuthCookie(c);
    return null;
  }
  return session.user;
}

/** Signs this browser out: its token is revoked (wherever a copy of it is) and the cookie cleared. */
export async function signOut(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, AUTH_COOKIE);
  // Without a usable secret (public mode) no token of ours can be valid: just clear it.
  const session = token && !secretError(c.env) ? await verifyUser(token, authSecret(c.env)) : null;
  if (session) await revoke(c.env, session.jti, session.expiresAt);
  clearAuthCookie(c);
}
