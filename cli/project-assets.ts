/**
 * The assets folder of a project of its own (`npm create edgelit`): the kit's web UI plus the
 * project's `public/`, rebuilt whole each time so a removed file does not linger.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ensureWebBuilt } from "./assets.js";

/** Writes `<project>/.edgelit/assets` and returns its path. */
export function buildProjectAssets(project: string): string {
  const assets = join(project, ".edgelit", "assets");
  rmSync(assets, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });
  cpSync(ensureWebBuilt(), assets, { recursive: true });
  const publicDir = join(project, "public");
  if (existsSync(publicDir)) {
    cpSync(publicDir, join(assets, "public"), { recursive: true, dereference: true });
  }
  return assets;
}
