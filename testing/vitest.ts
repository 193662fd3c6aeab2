/**
 * `edgelit/vitest`: the Vitest setup of a project's tests, on the Node side. It runs the tests in
 * the Workers pool against the project's own wrangler config, binds the kit's D1 migrations
 * (`edgelit/testing` applies them before the first chat) and loads config.toml and welcome.md
 * as text, as wrangler's Text rule does in `wrangler dev`. It also builds `.edgelit/assets`, as the
 * project's wrangler build step does.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { buildProjectAssets } from "../cli/project-assets.js";

type VitePlugin = ReturnType<typeof cloudflareTest>;

/** Options of `edgelitTest`. */
export interface EdgelitTestOptions {
  /** The project's wrangler config. @default "./wrangler.jsonc" */
  configPath?: string;
}

/** The kit's migrations folder, from the source tree or from the built package. */
function migrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, "schema", "migrations");
    if (existsSync(join(candidate, "meta")) || existsSync(join(dir, "package.json"))) {
      return candidate;
    }
    dir = dirname(dir);
  }
  throw new Error("edgelit/vitest: cannot find the kit's schema/migrations folder");
}

/** Loads `.toml` and `.md` imports as their text. */
function textModules(): VitePlugin {
  return {
    name: "edgelit-text-modules",
    enforce: "pre",
    load(id: string) {
      const file = id.split("?")[0] ?? id;
      if (!/\.(toml|md)$/.test(file)) return null;
      return `export default ${JSON.stringify(readFileSync(file, "utf8"))};`;
    },
  };
}

/**
 * The Vite plugins of a project's `vitest.config.ts`.
 * @example
 * import { defineConfig } from "vitest/config";
 * import { edgelitTest } from "edgelit/vitest";
 * export default defineConfig({ plugins: edgelitTest() });
 */
export function edgelitTest(options: EdgelitTestOptions = {}): VitePlugin[] {
  const configPath = options.configPath ?? "./wrangler.jsonc";
  // The config's assets folder must exist; `wrangler dev` makes it through the custom build.
  buildProjectAssets(dirname(resolve(configPath)));
  return [
    cloudflareTest(async () => ({
      wrangler: { configPath },
      miniflare: {
        bindings: { EDGELIT_MIGRATIONS: await readD1Migrations(migrationsDir()) },
      },
    })),
    textModules(),
  ];
}
