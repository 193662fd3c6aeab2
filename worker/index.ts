/**
 * The Worker: one hono app in front of the chat sessions. Static assets (the web UI, the app's
 * public/ files) are served by Workers assets before this runs; only /api, /ws, /auth and
 * /health reach it.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { hooks } from "../durable-objects/sdk/hooks.js";
import type { ClientConfig } from "../protocol/api.js";
import { appConfig, welcome } from "./app.js";
import { visitor } from "./identity.js";
import { sessions } from "./sessions.js";
import { threads } from "./threads.js";
import type { AppEnv } from "./types.js";

export { ChatSession } from "../durable-objects/chat-session.js";

const app = new Hono<AppEnv>();

app.get("/health", (c) => c.json({ status: "ok" }));

app.use("/api/*", async (c, next) => {
  c.set("user", await visitor(c));
  await next();
});
app.use("/ws/*", async (c, next) => {
  c.set("user", await visitor(c));
  await next();
});

app.get("/api/config", async (c) => {
  const user = c.get("user");
  const starters = (await hooks.starters?.(user)) ?? [];
  const profiles = (await hooks.chatProfiles?.(user)) ?? [];
  const body: ClientConfig = {
    ui: appConfig.UI,
    features: appConfig.features,
    theme: appConfig.theme,
    project: {
      name: appConfig.project.name,
      description: appConfig.project.description,
      userEnv: appConfig.project.user_env,
    },
    welcome,
    user: { ...user.toJSON(), anonymous: user.metadata.anonymous === true },
    auth: { required: false, password: false, header: false, oauthProviders: [] },
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
app.route("/", threads);

app.notFound((c) => c.json({ error: "not found" }, 404));
app.onError((err, c) => {
  if (err instanceof HTTPException) return err.getResponse();
  console.error("Worker:", err);
  return c.json({ error: "internal error" }, 500);
});

export default app;
