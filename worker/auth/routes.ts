/**
 * `/auth/*`: password login, logout and the OAuth redirects. Login and logout are POSTs, so
 * requireOrigin (../origin.ts) lets them come only from the app's own origin (or one in
 * `[project] allow_origins`): another site cannot sign a visitor in or out.
 */
import { Hono } from "hono";
import type { AppEnv } from "../types.js";
import { finishOAuth, startOAuth } from "./oauth/flow.js";
import { passwordLogin } from "./password.js";
import { signOut } from "./session-cookie.js";

export const auth = new Hono<AppEnv>()
  .post("/auth/login", passwordLogin)
  .post("/auth/logout", async (c) => {
    await signOut(c);
    return c.json({ ok: true });
  })
  .get("/auth/oauth/:provider", startOAuth)
  .get("/auth/oauth/:provider/callback", finishOAuth);
