/** The problems `parseConfig` reports for a config.toml text (none: an empty list). */
import { ConfigError, parseConfig } from "../../protocol/config.js";

export function configProblems(text: string): string[] {
  try {
    parseConfig(text);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}
