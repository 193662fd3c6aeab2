/**
 * The app being served: its config.toml (validated) and its welcome.md. The Worker entry installs
 * them once at startup (`installApp`, from `createWorker`); every reader (the Worker's routes,
 * the Durable Objects) holds the same `appConfig` object and reads it at request time, so it
 * always sees the installed config. It lives here, below both tiers, so neither imports the other.
 */
import { parse as parseToml } from "smol-toml";
import { type AppConfig, parseConfig } from "./config.js";

/** What an app gives the kit besides its hooks: texts, empty or absent when it has none. */
export interface AppTexts {
  /** config.toml's text (Chainlit's sections, snake_case keys). */
  config?: string;
  /** welcome.md's text: the welcome screen's readme. */
  welcome?: string;
  /**
   * The app's name when config.toml's `[UI] name` is not set (`edgelit run` gives the app's
   * folder name). Shown in the header and the page title.
   */
  name?: string;
}

/** The validated config.toml (the defaults until `installApp` runs). */
export const appConfig: AppConfig = parseConfig("");

let welcomeText: string | null = null;

/** welcome.md, or null when the app has none. */
export function welcome(): string | null {
  return welcomeText;
}

/**
 * Installs the app's config.toml and welcome.md.
 * @throws ConfigError naming the key, for a bad config.toml (the Worker then fails at startup).
 */
export function installApp(texts: AppTexts): void {
  Object.assign(appConfig, parseConfig(texts.config ?? ""));
  if (texts.name?.trim() && !setsUiName(texts.config ?? "")) appConfig.UI.name = texts.name.trim();
  welcomeText = texts.welcome?.trim() ? texts.welcome : null;
}

/** True when config.toml sets `[UI] name` (parseConfig fills in a default otherwise). */
function setsUiName(text: string): boolean {
  const ui: unknown = parseToml(text).UI;
  return typeof ui === "object" && ui !== null && "name" in ui;
}
