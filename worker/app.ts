/**
 * The app being served: its hooks (registered by importing it), its config.toml and its
 * welcome.md. wrangler's `[alias]` points these three names at the app's files, so the same
 * Worker serves the repo's default app or any app given to `edgelit run`.
 */
import "edgelit:app";
import meta from "edgelit:meta";
import { parseConfig } from "../protocol/config.js";

/** The validated config.toml; a bad file fails the Worker at startup, naming the key. */
export const appConfig = parseConfig(meta.config);

/** welcome.md, or null when the app has none. */
export const welcome: string | null = meta.welcome.trim() ? meta.welcome : null;
