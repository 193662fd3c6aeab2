/**
 * The static assets of a run: the kit's built web UI plus the app's `public/` folder, served at
 * `/public/...`. Rebuilt on every run so a removed public file does not linger.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { AppFiles } from "./app.js";
import { brandAssets } from "./brand.js";
import { CliError } from "./errors.js";
import { kitPaths } from "./paths.js";

/** Builds the web UI (`npm run build:web`) when the kit has no `web/dist` yet. */
export function ensureWebBuilt(webDist = kitPaths.webDist): string {
  if (existsSync(join(webDist, "index.html"))) return webDist;
  console.error("edgelit: building the web UI (npm run build:web)...");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["run", "build:web"], {
    cwd: kitPaths.root,
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (result.status !== 0 || !existsSync(join(webDist, "index.html"))) {
    throw new CliError(`could not build the web UI in ${kitPaths.root} (npm run build:web failed)`);
  }
  return webDist;
}

/** Copies the web UI and the app's public files into `<state>/assets` and returns that path. */
export function buildAssets(app: AppFiles, webDist: string): string {
  const assets = join(app.stateDir, "assets");
  rmSync(assets, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });
  cpSync(webDist, assets, { recursive: true });
  if (app.publicDir)
    cpSync(app.publicDir, join(assets, "public"), { recursive: true, dereference: true });
  appFavicon(app.publicDir, assets);
  brandAssets(assets, app.publicDir);
  return assets;
}

/**
 * `/favicon.ico` is a static asset, so a browser's request for it never falls through to the
 * page: the app's `public/favicon.ico` when it has one, else the kit's own (web/public).
 */
export function appFavicon(publicDir: string | null | undefined, assets: string): void {
  const own = publicDir ? join(publicDir, "favicon.ico") : null;
  if (own && existsSync(own)) cpSync(own, join(assets, "favicon.ico"), { dereference: true });
}
