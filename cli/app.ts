/**
 * An app as the CLI sees it: the app file and the optional files beside it (CONTRACT.md §1),
 * plus the per-app state directory where generated files and local data live.
 */
import { existsSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { CliError } from "./errors.js";
import { displayPath } from "./paths.js";

export interface AppFiles {
  /** Absolute path of the app file. */
  file: string;
  dir: string;
  /** The Worker name: lowercase letters, digits and dashes. */
  name: string;
  /** `<appdir>/.edgelit` unless `--persist-to` says otherwise. */
  stateDir: string;
  config?: string;
  welcome?: string;
  publicDir?: string;
  devVars?: string;
  /** `translations/`: the app's `<lang>.json` UI strings. */
  translationsDir?: string;
}

/** File names too generic to name an app; the directory names it instead. */
const genericNames = new Set(["app", "index", "main", "worker", "server"]);

/**
 * Finds the app file and what lies beside it.
 * @example
 * locateApp("examples/echo/app.ts").name; // "echo"
 */
export function locateApp(appPath: string, persistTo?: string): AppFiles {
  const file = resolve(appPath);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new CliError(`app file not found: ${displayPath(file)}`);
  }
  const dir = dirname(file);
  const stem = basename(file, extname(file));
  const beside = (name: string, kind: "file" | "dir") => {
    const path = join(dir, name);
    if (!existsSync(path)) return undefined;
    return statSync(path).isDirectory() === (kind === "dir") ? path : undefined;
  };
  return {
    file,
    dir,
    name: workerName(genericNames.has(stem.toLowerCase()) ? basename(dir) : stem),
    stateDir: persistTo ? resolve(persistTo) : join(dir, ".edgelit"),
    config: beside("config.toml", "file"),
    welcome: beside("welcome.md", "file"),
    publicDir: beside("public", "dir"),
    devVars: beside(".dev.vars", "file"),
    translationsDir: beside("translations", "dir"),
  };
}

/** A valid Worker name (Cloudflare: lowercase alphanumerics and dashes, at most 63). */
export function workerName(raw: string): string {
  const slug = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 63)
    .replace(/-$/, "");
  return slug || "edgelit-app";
}
