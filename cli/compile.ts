/**
 * Compiles the app the way wrangler will (esbuild, Workers conditions) before wrangler starts,
 * so a syntax error or an unresolvable import is reported once, naming the file and line.
 * The same build tells which packages the app needs from the kit and whether it registers an
 * auth callback.
 */
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { isAbsolute, resolve, sep } from "node:path";
import { build, type Loader, type Message, type Plugin } from "esbuild";
import type { AppFiles } from "./app.js";
import { checkHooks } from "./app-lint.js";
import { CliError } from "./errors.js";
import { displayPath, kitPaths } from "./paths.js";

export interface CompiledApp {
  /** Bare imports of the app that only the kit's node_modules provide: specifier → file. */
  kitImports: Record<string, string>;
  /** True when the app registers a password, header or OAuth callback. */
  usesAuth: boolean;
}

/** Conditions and loaders wrangler 4 uses for a Worker bundle. */
export const workerConditions = ["workerd", "worker", "browser"];
const loaders: Record<string, Loader> = {
  ".txt": "text",
  ".html": "text",
  ".sql": "text",
  ".md": "text",
  ".toml": "text",
  ".bin": "binary",
  ".wasm": "binary",
};

/** Kit dependencies that are tools, not something a Worker imports. */
const toolPackages = new Set(["wrangler", "esbuild", "tsx"]);

const authCallback = /\b(passwordAuthCallback|headerAuthCallback|oauthCallback)\b/;
const inNodeModules = `${sep}node_modules${sep}`;

/**
 * Builds the app in memory with "edgelit" left external.
 * @throws CliError naming the file, line and column of the first error.
 */
export async function compileApp(app: AppFiles): Promise<CompiledApp> {
  const kitImports: Record<string, string> = {};
  const result = await build({
    entryPoints: [app.file],
    absWorkingDir: app.dir,
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2024",
    // Folds dead branches (`if (false) …`) so they do not count as registrations.
    minifySyntax: true,
    conditions: workerConditions,
    loader: loaders,
    external: ["cloudflare:*", "node:*", ...builtinModules],
    logLevel: "silent",
    metafile: true,
    plugins: [bareImports(app.dir, kitImports)],
  }).catch((err: { errors?: Message[] }) => {
    throw new CliError(formatBuildError(err.errors?.[0], app), 1);
  });
  const ownFiles = Object.keys(result.metafile?.inputs ?? {})
    .map((input) => resolve(app.dir, input))
    .filter((file) => !file.includes(inNodeModules) && /\.[cm]?[jt]sx?$/.test(file));
  checkHooks(ownFiles);
  const code = result.outputFiles?.[0]?.text ?? "";
  return { kitImports, usesAuth: authCallback.test(code) };
}

/** "edgelit" stays external; other bare imports of app code fall back to the kit's packages. */
function bareImports(appDir: string, kitImports: Record<string, string>): Plugin {
  return {
    name: "edgelit-bare-imports",
    setup(b) {
      // Packages the kit ships are offered to the app even before it imports them, so an import
      // added while `edgelit run` watches still resolves.
      b.onStart(async () => {
        for (const name of kitDependencies()) {
          const opts = { kind: "import-statement" as const, pluginData: "edgelit-skip" };
          const own = await b.resolve(name, { ...opts, resolveDir: appDir });
          if (own.errors.length === 0) continue;
          const kit = await b.resolve(name, { ...opts, resolveDir: kitPaths.root });
          if (kit.errors.length === 0 && !kit.external) kitImports[name] = kit.path;
        }
      });
      b.onResolve({ filter: /^edgelit(:|$|\/ai-sdk$|\/mcp$)/ }, (args) => ({
        path: args.path,
        external: true,
      }));
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === "edgelit-skip" || isAbsolute(args.path)) return undefined;
        if (args.importer.includes(inNodeModules)) return undefined;
        const opts = { kind: args.kind, importer: args.importer, pluginData: "edgelit-skip" };
        const own = await b.resolve(args.path, { ...opts, resolveDir: args.resolveDir });
        if (own.errors.length === 0) return own;
        const kit = await b.resolve(args.path, { ...opts, resolveDir: kitPaths.root });
        if (kit.errors.length > 0) return own;
        if (!kit.external) kitImports[args.path] = kit.path;
        return kit;
      });
    },
  };
}

/** The runtime dependencies of the kit, as its package.json lists them. */
function kitDependencies(): string[] {
  const pkg = JSON.parse(readFileSync(kitPaths.packageJson, "utf8")) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(pkg.dependencies ?? {}).filter((name) => !toolPackages.has(name));
}

function formatBuildError(message: Message | undefined, app: AppFiles): string {
  if (!message) return `${displayPath(app.file)}: the app does not compile`;
  const loc = message.location;
  if (!loc) return `${displayPath(app.file)}: ${message.text}`;
  const file = displayPath(resolve(app.dir, loc.file));
  return `${file}:${loc.line}:${loc.column + 1}: ${message.text}\n    ${loc.lineText.trim()}`;
}
