/**
 * `POST /auth/login`: username and password (JSON or a form) checked by
 * `cl.passwordAuthCallback`; success sets the login cookie. Attempts are limited per client IP.
 */
import type { Context } from "hono";
import { hit, LOGIN_ATTEMPTS_PER_MINUTE, slowDown } from "../../durable-objects/rate-limiter.js";
import { hooks } from "../../durable-objects/sdk/hooks.js";
import type { AppEnv } from "../types.js";
import { clientIp } from "./client-ip.js";
import { setAuthCookie } from "./session-cookie.js";
import { toUser } from "./to-user.js";

const MAX_FIELD_CHARS = 1024;

async function credentials(
  c: Context<AppEnv>,
): Promise<{ username: string; password: string } | null> {
  const type = c.req.header("content-type") ?? "";
  let body: unknown;
  try {
    body = type.includes("application/json") ? await c.req.json() : await c.req.parseBody();
  } catch {
    return null;
  }
  if (!body || typeof body !== "object") return null;
  const username: unknown = Reflect.get(body, "username");
  const password: unknown = Reflect.get(body, "password");
  if (typeof username !== "string" || typeof password !== "string") return null;
  if (!username || username.length > MAX_FIELD_CHARS || password.length > MAX_FIELD_CHARS) {
    return null;
  }
  return { username, password };
}

/** The handler of `POST /auth/login`: 200 and the cookie, or 401 "Invalid credentials". */
export async function passwordLogin(c: Context<AppEnv>): Promise<Response> {
  const callback = hooks.passwordAuth;
  if (!callback) return c.json({ error: "password login is not enabled" }, 404);
  const ip = clientIp(c.req.raw.headers);
  if (ip) {
    const decision = await hit(c.env, `login:${ip}`, LOGIN_ATTEMPTS_PER_MINUTE);
    if (!decision.allowed) {
      c.header("retry-after", String(Math.ceil(decision.retryAfterMs / 1000)));
      return c.json({ error: slowDown("login attempts", decision.retryAfterMs) }, 429);
    }
  }
  const given = await credentials(c);
  if (!given) return c.json({ error: "username and password are required" }, 400);
  const user = toUser(await callback(given.username, given.password));
  if (!user) return c.json({ error: "Invalid credentials" }, 401);
  await setAuthCookie(c, user);
  return c.json({ user: { ...user.toJSON(), anonymous: false } });
}
