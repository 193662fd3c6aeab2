/**
 * The Worker's gatekeepers. With login on, nothing but /health works without a strong
 * EDGELIT_AUTH_SECRET, and /api/* and /ws/* need a signed-in caller (except /api/config, which
 * tells the UI to show the login page).
 */
import type { MiddlewareHandler } from "hono";
import { authEnabled } from "../../durable-objects/sdk/hooks.js";
import { caller } from "../identity.js";
import type { AppEnv } from "../types.js";
import { secretError } from "./env.js";

const logged = new Set<string>();

/** 500 with a message naming EDGELIT_AUTH_SECRET while login is on and it is unset or weak. */
export const requireSecret: MiddlewareHandler<AppEnv> = async (c, next) => {
  const problem = authEnabled() ? secretError(c.env) : null;
  if (problem) {
    if (!logged.has(problem.message)) {
      logged.add(problem.message);
      console.error(`Edgelit: ${problem.message}`);
    }
    return c.json({ error: problem.message }, 500);
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
