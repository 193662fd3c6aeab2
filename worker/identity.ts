/**
 * Who is calling. With no auth callback registered (public mode) every visitor gets an
 * anonymous identity: a random token in an HttpOnly cookie, of which only a hash is ever used
 * as the user identifier, so nothing stored server-side can be replayed as the cookie.
 * With login on, the caller is whoever `cl.headerAuthCallback` finds in the request headers,
 * else the user of a valid login cookie (./auth/), else nobody.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { authEnabled } from "../durable-objects/sdk/hooks.js";
import { User } from "../durable-objects/sdk/user.js";
import { headerUser } from "./auth/header.js";
import { cookieUser } from "./auth/session-cookie.js";
import { copilotCaller } from "./copilot/caller.js";
import type { AppEnv } from "./types.js";

export const VISITOR_COOKIE = "edgelit_visitor";

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) =>
    c === "+" ? "-" : c === "/" ? "_" : "",
  );
}

/** The anonymous visitor of this browser; sets the cookie on first sight. */
export async function visitor(c: Context): Promise<User> {
  let token = getCookie(c, VISITOR_COOKIE);
  if (!token || !/^[\w-]{43}$/.test(token)) {
    token = randomToken();
    setCookie(c, VISITOR_COOKIE, token, {
      httpOnly: true,
      sameSite: "Lax",
      secure: new URL(c.req.url).protocol === "https:",
      path: "/",
      maxAge: 60 * 60 * 24 * 400,
    });
  }
  const id = (await sha256Hex(token)).slice(0, 32);
  return new User({
    identifier: `visitor:${id}`,
    displayName: "You",
    metadata: { anonymous: true },
  });
}

/** The verified caller; null when login is on and nobody is signed in. */
export async function caller(c: Context<AppEnv>): Promise<User | null> {
  // The copilot widget proves who it is with its token, never a cookie (./copilot/).
  const copilot = await copilotCaller(c);
  if (copilot !== undefined) return copilot;
  if (!authEnabled()) return visitor(c);
  return (await headerUser(c.req.raw.headers)) ?? (await cookieUser(c));
}
