/**
 * `<state>/tsconfig.json`: lets an app outside the repo type-check against the kit, with
 * `import * as cl from "edgelit"` and the kit's packages resolved and the Workers types loaded:
 *   npx tsc -p <appdir>/.edgelit/tsconfig.json
 * An editor picks it up through a one-line `tsconfig.json` beside the app:
 *   { "extends": "./.edgelit/tsconfig.json" }
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AppFiles } from "./app.js";
import { kitPaths } from "./paths.js";

/** The tsconfig object for an app (all paths absolute). */
export function makeTsconfig(app: AppFiles) {
  const modules = kitPaths.nodeModules;
  return {
    compilerOptions: {
      target: "ES2022",
      module: "ESNext",
      moduleResolution: "Bundler",
      lib: ["ES2023"],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      typeRoots: [join(modules, "@types"), modules],
      types: ["@cloudflare/workers-types/2023-07-01", "node"],
      paths: {
        edgelit: [kitPaths.sdkTypes],
        "edgelit/ai-sdk": [kitPaths.aiSdkTypes],
        "edgelit/mcp": [kitPaths.mcpTypes],
        // The app's own node_modules still win: TypeScript falls back to them.
        "*": [join(modules, "*"), join(modules, "@types", "*")],
      },
    },
    // The kit's ambient names, and the app's own bindings (written by prepare).
    files: [kitPaths.envTypes, join(app.stateDir, "app-env.d.ts")],
    include: [join(app.dir, "**", "*.ts"), join(app.dir, "**", "*.tsx")],
    exclude: [app.stateDir, join(app.dir, "node_modules")],
  };
}

/** Writes `<state>/tsconfig.json`. */
export function writeTsconfig(app: AppFiles): string {
  const path = join(app.stateDir, "tsconfig.json");
  writeFileSync(path, `${JSON.stringify(makeTsconfig(app), null, 2)}\n`);
  return path;
}
