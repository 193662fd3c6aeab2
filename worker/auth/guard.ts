/**
 * The Worker's gatekeepers. With login on, nothing but /health works without
 * EDGELIT_AUTH_SECRET, and /api/* and /ws/* need a signed-in caller (except /api/config, which
 * tells the UI to show the login page).
 */
import type { MiddlewareHandler } from "hono";
import { authEnabled } from "../../durable-objects/sdk/hooks.js";
import { caller } from "../identity.js";
import type { AppEnv } from "../types.js";
import { envString, MissingSecretError, SECRET_VAR } from "./env.js";

let logged = false;

/** 500 with a message naming EDGELIT_AUTH_SECRET while login is on and it is unset. */
export const requireSecret: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (authEnabled() && !envString(c.env, SECRET_VAR)) {
    const { message } = new MissingSecretError();
    if (!logged) {
      logged = true;
      console.error(`Edgelit: ${message}`);
    }
    return c.json({ error: message }, 500);
  }
  await next();
};

/** Paths a signed-out caller may reach under /api and /ws. */
const OPEN_PATHS = new Set(["/api/config"]);

/** Sets `user` to the verified caller; 401 for a signed-out one. */
export const requireCaller: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (OPEN_PATHS.has(c.req.path)) return next();
  const user = await caller(c);
  if (!user) return c.json({ error: "sign in required" }, 401);
  c.set("user", user);
  await next();
};
