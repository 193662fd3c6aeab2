/**
 * The Worker (wrangler's `main`): loads the app's hooks, hands the kit config.toml and
 * welcome.md, and exports the Durable Object classes wrangler.jsonc binds.
 */
import "./app";
import { createWorker } from "edgelit/worker";
import config from "./config.toml";
import welcome from "./welcome.md";

export { ChatSession, RateLimiter } from "edgelit/worker";

export default createWorker({ config, welcome });
