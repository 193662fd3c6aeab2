/**
 * Validates the app's config.toml with the same parser the Worker uses at startup, so a bad key
 * stops `edgelit run` before wrangler starts, with the Worker's own wording.
 */
import { readFileSync } from "node:fs";
import { type AppConfig, ConfigError, parseConfig } from "../protocol/config.js";
import { CliError } from "./errors.js";
import { displayPath } from "./paths.js";

/** The parsed config, or the defaults when the app has no config.toml. */
export function checkConfig(file: string | undefined): AppConfig {
  if (!file) return parseConfig("");
  try {
    return parseConfig(readFileSync(file, "utf8"), displayPath(file));
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
}
