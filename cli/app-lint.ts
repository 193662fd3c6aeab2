/**
 * Mistakes in an app's own source that the runtime could only report without a line: a hook
 * registered twice. The check reads the app's files (never node_modules) with comments blanked
 * out, so every reported line is the one the author wrote.
 */
import { readFileSync } from "node:fs";
import { CliError } from "./errors.js";
import { displayPath } from "./paths.js";

/** The author API's single hooks: registering one twice replaces the first silently. */
const singleHooks = [
  "onChatStart",
  "onMessage",
  "onStop",
  "onChatEnd",
  "onChatResume",
  "onSettingsUpdate",
  "onFeedback",
  "passwordAuthCallback",
  "headerAuthCallback",
  "oauthCallback",
  "setChatProfiles",
  "setStarters",
];
const call = new RegExp(
  `(?<!function\\s+)(?<![\\w$])(?:[A-Za-z_$][\\w$]*\\.)?(${singleHooks.join("|")})\\s*\\(` +
    `|(?:[A-Za-z_$][\\w$]*\\.)?actionCallback\\s*\\(\\s*(["'\`])((?:(?!\\2).)*)\\2`,
  "g",
);

/** Replaces comments with spaces, keeping every newline (and so every line number). */
export function blankComments(source: string): string {
  return source.replace(
    /\/\*[\s\S]*?\*\/|\/\/[^\n]*|("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)/g,
    (match, literal: string | undefined) => literal ?? match.replace(/[^\n]/g, " "),
  );
}

/**
 * Throws for the second registration of a hook, naming both places.
 * @throws CliError `app.ts:7: cl.onMessage is registered twice (first at app.ts:3) ...`
 */
export function checkHooks(files: string[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    const text = blankComments(readFileSync(file, "utf8"));
    for (const match of text.matchAll(call)) {
      const name = match[1] ? `cl.${match[1]}` : `cl.actionCallback("${match[3]}")`;
      const line = text.slice(0, match.index).split("\n").length;
      const where = `${displayPath(file)}:${line}`;
      const first = seen.get(name);
      if (first) {
        throw new CliError(
          `${where}: ${name} is registered twice (first at ${first}); ` +
            "the second would replace the first: register each hook once",
        );
      }
      seen.set(name, where);
    }
  }
}
