/**
 * The Worker's routes: one hono app in front of the chat sessions. Static assets (the web UI, the app's
 * public/ files) are served by Workers assets before this runs; only /api, /ws, /auth and
 * /health reach it.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { authEnabled, hooks } from "../durable-objects/sdk/hooks.js";
import type { ClientConfig } from "../protocol/api.js";
import { appConfig, welcome } from "../protocol/app.js";
import { requireCaller, requireSecret } from "./auth/guard.js";
import { enabledProviders } from "./auth/oauth/flow.js";
import { auth } from "./auth/routes.js";
import { files } from "./files.js";
import { caller } from "./identity.js";
import { refuseRebinding, requireOrigin } from "./origin.js";
import { sessions } from "./sessions.js";
import { threads } from "./threads.js";
import type { AppEnv } from "./types.js";

const app = new Hono<AppEnv>();

app.get("/health", (c) => c.json({ status: "ok" }));

app.use("*", refuseRebinding);
app.use("*", requireSecret);
app.use("*", requireOrigin);
app.use("/api/*", requireCaller);
app.use("/ws/*", requireCaller);
app.route("/", auth);

app.get("/api/config", async (c) => {
  const user = await caller(c);
  const starters = (user && (await hooks.starters?.(user))) || [];
  const profiles = (user && (await hooks.chatProfiles?.(user))) || [];
  const body: ClientConfig = {
    ui: appConfig.UI,
    features: appConfig.features,
    theme: appConfig.theme,
    project: {
      name: appConfig.project.name,
      description: appConfig.project.description,
      userEnv: appConfig.project.user_env,
    },
    welcome: welcome(),
    user: user && { ...user.toJSON(), anonymous: user.metadata.anonymous === true },
    auth: {
      required: authEnabled(),
      password: Boolean(hooks.passwordAuth),
      header: Boolean(hooks.headerAuth),
      oauthProviders: enabledProviders(c.env),
    },
    starters: starters.map((s) => ({ label: s.label, message: s.message, icon: s.icon })),
    chatProfiles: profiles.map((p) => ({
      name: p.name,
      markdownDescription: p.markdownDescription,
      icon: p.icon,
      default: p.default,
      starters: p.starters?.map((s) => ({ label: s.label, message: s.message, icon: s.icon })),
    })),
  };
  return c.json(body);
});

app.route("/", sessions);
app.route("/", files);
app.route("/", threads);

app.notFound((c) => c.json({ error: "not found" }, 404));
app.onError((err, c) => {
  if (err instanceof HTTPException) return err.getResponse();
  console.error("Worker:", err);
  return c.json({ error: "internal error" }, 500);
});

/** The routes; `createWorker` (./entry.ts) serves them. */
export const http = app;
