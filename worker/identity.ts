/**
 * Who is calling. With no auth callback registered (public mode) every visitor gets an
 * anonymous identity: a random token in an HttpOnly cookie, of which only a hash is ever used
 * as the user identifier, so nothing stored server-side can be replayed as the cookie.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { User } from "../durable-objects/sdk/user.js";

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
