/**
 * The Worker entry of the repo's default app and of `edgelit run`: wrangler's `[alias]` points
 * `edgelit:app` at the app file and `edgelit:meta` at its config.toml and welcome.md, so the
 * same entry serves any app. A project of its own uses `createWorker` from "edgelit/worker".
 */
import "edgelit:app";
import meta from "edgelit:meta";
import { createWorker } from "./entry.js";

export { ChatSession, RateLimiter } from "./entry.js";

export default createWorker(meta);
