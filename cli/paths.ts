/**
 * Where the kit's own files live. Everything is absolute and derived from this file's location,
 * so the CLI works from any working directory, from the repo (TypeScript sources, run by tsx)
 * and from the installed package (the same modules built into dist/).
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder holding worker/, durable-objects/, cli/: the repo, or the package's dist/. */
const codeRoot = dirname(dirname(fileURLToPath(import.meta.url)));
/** True when running from the built package. */
const built = basename(codeRoot) === "dist" && existsSync(join(dirname(codeRoot), "package.json"));
const ext = built ? "js" : "ts";

/** The root of the Edgelit package (the repo in development). */
export const kitRoot = built ? dirname(codeRoot) : codeRoot;

/** The `edgelit/<name>` subpaths of the framework integrations (package.json "exports"). */
export const FRAMEWORKS = ["langchain", "llamaindex", "openai-agents", "mcp"] as const;

export const kitPaths = {
  root: kitRoot,
  packageJson: join(kitRoot, "package.json"),
  wranglerToml: join(kitRoot, "wrangler.toml"),
  worker: join(codeRoot, "worker", `index.${ext}`),
  sdk: join(codeRoot, "durable-objects", "sdk", `index.${ext}`),
  /** `edgelit/ai-sdk`, aliased like `edgelit` so both share one module instance of the kit. */
  aiSdk: join(codeRoot, "integrations", `ai-sdk.${ext}`),
  aiSdkTypes: join(codeRoot, "integrations", built ? "ai-sdk.d.ts" : "ai-sdk.ts"),
  /** The framework integrations (`edgelit/langchain`, …), aliased like `edgelit/ai-sdk`. */
  frameworks: Object.fromEntries(
    FRAMEWORKS.map((name) => [
      `edgelit/${name}`,
      {
        code: join(codeRoot, "integrations", `${name}.${ext}`),
        types: join(codeRoot, "integrations", built ? `${name}.d.ts` : `${name}.ts`),
      },
    ]),
  ),
  /** What the generated tsconfig maps `edgelit` to. */
  sdkTypes: join(codeRoot, "durable-objects", "sdk", built ? "index.d.ts" : "index.ts"),
  /** Ambient declarations of the kit (Env, *.toml, *.md). */
  envTypes: built ? join(codeRoot, "globals.d.ts") : join(kitRoot, "env.d.ts"),
  migrations: join(kitRoot, "schema", "migrations"),
  webDist: join(kitRoot, "web", "dist"),
  nodeModules: join(kitRoot, "node_modules"),
};

/** The wrangler CLI script (the kit's peer dependency), run with the current node. */
export function wranglerBin(): string {
  const pkg = createRequire(kitPaths.packageJson).resolve("wrangler/package.json");
  return join(dirname(pkg), "bin", "wrangler.js");
}

/** A path as the user should read it: relative to the working directory when below it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
