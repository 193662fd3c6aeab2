/**
 * Where the kit's own files live. Everything is absolute and derived from this file's location,
 * so the CLI works from any working directory and from an installed copy of the package.
 */
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The root of the Edgelit package (the repo in development). */
export const kitRoot = dirname(dirname(fileURLToPath(import.meta.url)));

export const kitPaths = {
  root: kitRoot,
  packageJson: join(kitRoot, "package.json"),
  wranglerToml: join(kitRoot, "wrangler.toml"),
  worker: join(kitRoot, "worker", "index.ts"),
  sdk: join(kitRoot, "durable-objects", "sdk", "index.ts"),
  migrations: join(kitRoot, "schema", "migrations"),
  webDist: join(kitRoot, "web", "dist"),
  nodeModules: join(kitRoot, "node_modules"),
};

/** The wrangler CLI script of the kit (the pinned version), run with the current node. */
export function wranglerBin(): string {
  const pkg = createRequire(kitPaths.packageJson).resolve("wrangler/package.json");
  return join(dirname(pkg), "bin", "wrangler.js");
}

/** A path as the user should read it: relative to the working directory when below it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
