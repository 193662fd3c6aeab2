/**
 * The assets folder of a project of its own (`npm create edgelit`): the kit's web UI plus the
 * project's `public/`. It is updated in place, never removed whole, because `wrangler dev`
 * serves it while its custom build runs again; files no longer in public/ are deleted.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { appFavicon, ensureWebBuilt } from "./assets.js";
import { brandAssets } from "./brand.js";
import { readTranslations, writeTranslations } from "./translations.js";

/** Writes `<project>/.edgelit/assets` and returns its path. */
export function buildProjectAssets(project: string): string {
  // Checked first: a bad translation stops the build (and so `wrangler dev`/`deploy`).
  const translations = readTranslations(join(project, "translations"));
  const assets = join(project, ".edgelit", "assets");
  mkdirSync(assets, { recursive: true });
  cpSync(ensureWebBuilt(), assets, { recursive: true, force: true });
  const publicDir = join(project, "public");
  const served = join(assets, "public");
  if (existsSync(publicDir)) {
    cpSync(publicDir, served, { recursive: true, force: true, dereference: true });
  }
  for (const file of listFiles(served)) {
    if (!existsSync(join(publicDir, relative(served, file)))) rmSync(file, { force: true });
  }
  // The web UI copy above put the kit's favicon back; the project's own wins.
  appFavicon(publicDir, assets);
  writeTranslations(assets, translations);
  brandAssets(assets, existsSync(publicDir) ? publicDir : undefined);

  return assets;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
