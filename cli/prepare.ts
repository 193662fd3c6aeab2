/**
 * Everything `run` and `deploy` share: check the app, then generate its state directory
 * (assets, text modules, wrangler.json). Nothing is written before the checks pass.
 */
import { mkdirSync } from "node:fs";
import type { AppConfig } from "../protocol/config.js";
import type { AppFiles } from "./app.js";
import { mergeAppWrangler, readAppWrangler, writeAppEnvTypes } from "./app-wrangler.js";
import { buildAssets, ensureWebBuilt } from "./assets.js";
import { type CompiledApp, compileApp } from "./compile.js";
import { checkConfig } from "./config-check.js";
import { kitPaths } from "./paths.js";
import { writeMetaModule } from "./text-modules.js";
import { readTranslations, writeTranslations } from "./translations.js";
import { writeTsconfig } from "./tsconfig-gen.js";
import { loadBaseConfig, makeWranglerConfig, writeWranglerConfig } from "./wrangler-config.js";

export interface PreparedApp {
  config: AppConfig;
  compiled: CompiledApp;
  /** `<state>/wrangler.json`. */
  wranglerConfig: string;
  /** `<state>/assets`: the web UI plus the app's public files. */
  assetsDir: string;
  /** The D1 bindings and their (absolute) migrations folders. */
  databases: { binding: string; migrationsDir: string }[];
}

export interface PrepareOptions {
  /** The built web UI to serve; defaults to the kit's `web/dist`, built when missing. */
  webDist?: string;
  /** Runs after the checks and before anything is written (the auth secret check of `run`). */
  check?: (compiled: CompiledApp) => void;
}

/** Checks the app and writes its generated files. @throws CliError for a bad app. */
export async function prepareApp(
  app: AppFiles,
  options: PrepareOptions = {},
): Promise<PreparedApp> {
  const config = checkConfig(app.config);
  const translations = readTranslations(app.translationsDir);
  const compiled = await compileApp(app);
  options.check?.(compiled);
  const base = loadBaseConfig();
  const webDist = options.webDist ?? ensureWebBuilt();
  mkdirSync(app.stateDir, { recursive: true });
  const meta = writeMetaModule(app);
  writeTsconfig(app);
  const alias = {
    ...compiled.kitImports,
    edgelit: kitPaths.sdk,
    "edgelit/ai-sdk": kitPaths.aiSdk,
    ...Object.fromEntries(Object.entries(kitPaths.frameworks).map(([name, p]) => [name, p.code])),
    "edgelit:app": app.file,
    "edgelit:meta": meta,
  };
  const assetsDir = buildAssets(app, webDist);
  writeTranslations(assetsDir, translations);

  const own = readAppWrangler(app.dir);
  const generated = makeWranglerConfig(base, { name: app.name, alias, assetsDir });
  const merged = own ? mergeAppWrangler(generated, own.config, own.file) : generated;
  writeAppEnvTypes(app.stateDir, own?.config ?? {});
  const wranglerConfig = writeWranglerConfig(app.stateDir, merged);
  const databases = (generated.d1_databases ?? []).map((db) => ({
    binding: db.binding,
    migrationsDir: db.migrations_dir,
  }));
  return { config, compiled, wranglerConfig, databases, assetsDir };
}
