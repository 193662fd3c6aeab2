/**
 * An app's `translations/<lang>.json` (beside app.ts, or in a project's root): strings of the UI
 * it overrides or adds, keyed by their English text. Checked before anything runs (unknown key,
 * non-string value, wrong parameters, bad file name: one line each, naming file and key), then
 * written into the assets as `/translations/<lang>.json` plus `/translations/index.json`, so the
 * browser fetches only its own language.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { isLanguageTag, parseTranslation } from "../protocol/ui-strings.js";
import { CliError } from "./errors.js";
import { displayPath } from "./paths.js";

/** Language tag → its strings (validated). */
export type AppTranslations = Record<string, Record<string, string>>;

/**
 * Reads and checks every `*.json` of a translations folder (none when it does not exist).
 * @throws CliError listing every problem, each with its file and key.
 */
export function readTranslations(dir: string | undefined): AppTranslations {
  if (!dir || !existsSync(dir)) return {};
  const out: AppTranslations = {};
  const problems: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    const shown = displayPath(file);
    if (!name.endsWith(".json")) continue;
    const tag = basename(name, ".json");
    if (!isLanguageTag(tag)) {
      problems.push(
        `${shown}: "${tag}" is not a language tag (name files like fr.json, pt-BR.json)`,
      );
      continue;
    }
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      problems.push(`${shown}: invalid JSON: ${(err as Error).message.split("\n")[0]}`);
      continue;
    }
    const parsed = parseTranslation(data, shown);
    problems.push(...parsed.problems);
    out[tag] = parsed.strings;
  }
  if (problems.length > 0) throw new CliError(problems.join("\n"));
  return out;
}

/** Writes `<assets>/translations/`: one file per language and `index.json`, the list. */
export function writeTranslations(assetsDir: string, translations: AppTranslations): void {
  const dir = join(assetsDir, "translations");
  const tags = Object.keys(translations);
  if (tags.length === 0) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  mkdirSync(dir, { recursive: true });
  for (const tag of tags)
    writeFileSync(join(dir, `${tag}.json`), JSON.stringify(translations[tag]));
  writeFileSync(join(dir, "index.json"), JSON.stringify(tags));
  // A language removed since the last build must not linger.
  for (const name of readdirSync(dir)) {
    if (name !== "index.json" && !tags.includes(basename(name, ".json"))) rmSync(join(dir, name));
  }
}
