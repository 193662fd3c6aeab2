/**
 * `edgelit/worker`: what a project's own wrangler `main` exports. The Durable Object classes
 * must be exported by name from `main`, and the default export is the Worker; the app's hooks
 * are registered by importing the app module before `createWorker` runs.
 */
import { type AppTexts, installApp } from "../protocol/app.js";
import { http } from "./http.js";

export { ChatSession } from "../durable-objects/chat-session.js";
export { RateLimiter } from "../durable-objects/rate-limiter.js";
export type { AppTexts } from "../protocol/app.js";

/** The Worker's fetch handler, as wrangler's `main` default-exports it. */
export interface EdgelitWorker {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response>;
}

/**
 * Makes the Worker of an app: installs its config.toml and welcome.md and returns the handler
 * (the web UI's API, the sessions' WebSockets, auth, files, `/health`).
 * @throws ConfigError naming the key when config.toml is invalid (at startup, not per request).
 * @example
 * // worker.ts, wrangler's `main`
 * import "./app";
 * import config from "./config.toml";
 * import welcome from "./welcome.md";
 * import { createWorker } from "edgelit/worker";
 * export { ChatSession, RateLimiter } from "edgelit/worker";
 * export default createWorker({ config, welcome });
 */
export function createWorker(texts: AppTexts = {}): EdgelitWorker {
  installApp(texts);
  return { fetch: async (request, env, ctx) => http.fetch(request, env, ctx) };
}
