/**
 * `/auth/*`: password login, logout and the OAuth redirects. Login and logout are POSTs that
 * must come from the app's own origin (or one in `[project] allow_origins`), so another site
 * cannot sign a visitor in or out.
 */
import { Hono } from "hono";
import { originAllowed } from "../sessions.js";
import type { AppEnv } from "../types.js";
import { finishOAuth, startOAuth } from "./oauth/flow.js";
import { passwordLogin } from "./password.js";
import { signOut } from "./session-cookie.js";

export const auth = new Hono<AppEnv>()
  .use("/auth/login", async (c, next) => {
    if (!originAllowed(c.req.raw)) return c.json({ error: "origin not allowed" }, 403);
    await next();
  })
  .use("/auth/logout", async (c, next) => {
    if (!originAllowed(c.req.raw)) return c.json({ error: "origin not allowed" }, 403);
    await next();
  })
  .post("/auth/login", passwordLogin)
  .post("/auth/logout", async (c) => {
    await signOut(c);
    return c.json({ ok: true });
  })
  .get("/auth/oauth/:provider", startOAuth)
  .get("/auth/oauth/:provider/callback", finishOAuth);
