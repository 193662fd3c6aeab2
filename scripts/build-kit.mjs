#!/usr/bin/env node
/**
 * `npm run build:kit` (run by `npm pack` through `prepack`): the package's `dist/`. Every kit
 * source file is transpiled to JavaScript one-to-one (no bundling: the author API, the Worker and
 * the test helpers must share one module instance of the hook registry), and the public entry
 * points get `.d.ts` files, so a consumer type-checks with `strict` and without `skipLibCheck`.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const sources = [
  "worker",
  "durable-objects",
  "protocol",
  "schema",
  "cli",
  "testing",
  "integrations",
];
/** The public entry points' declarations (package.json "exports"). */
const publicEntries = [
  "durable-objects/sdk/index.d.ts",
  "worker/entry.d.ts",
  "testing/index.d.ts",
  "integrations/ai-sdk.d.ts",
];

rmSync(dist, { recursive: true, force: true });
const entryPoints = sources.flatMap((dir) =>
  readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => `${dir}/${f}`),
);
await build({
  absWorkingDir: root,
  entryPoints,
  outdir: dist,
  outbase: ".",
  format: "esm",
  platform: "neutral",
  target: "es2022",
  logLevel: "warning",
});

const tsc = spawnSync(
  process.execPath,
  [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
  { cwd: root, stdio: "inherit" },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// The session runtime is not public API, and its declarations reach drizzle's and Node's types
// (which do not type-check in a Workers project without skipLibCheck): its public declarations
// keep the names and drop the internals.
writeFileSync(
  join(dist, "durable-objects/session/session.d.ts"),
  `export declare const STOPPED_NOTICE = "Task manually stopped.";
/** The session runtime of one chat (internal to edgelit). */
export declare class Session {
  private readonly internal;
}
`,
);
assertPublicClosure();

// The ambient names the declarations rely on, without pinning a runtime-types package: the
// project's own `wrangler types` output provides the Workers globals and fills `Cloudflare.Env`.
writeFileSync(
  join(dist, "globals.d.ts"),
  `// Ambient names of edgelit's declarations. The Workers runtime types come from the project
// (\`wrangler types\`), which also fills Cloudflare.Env with the project's bindings.
declare namespace Cloudflare {
  interface Env {}
}
interface Env extends Cloudflare.Env {}
`,
);
for (const entry of publicEntries) {
  const file = join(dist, entry);
  const depth = entry.split("/").length - 1;
  const ref = `/// <reference path="${"../".repeat(depth)}globals.d.ts" />\n`;
  writeFileSync(file, ref + readFileSync(file, "utf8"));
}
console.log(`built ${entryPoints.length} modules and their declarations into dist/`);

/**
 * Fails the build when the public declarations reach a module a Workers project cannot type-check
 * without skipLibCheck (drizzle's, Node's).
 */
function assertPublicClosure() {
  const seen = new Set();
  const queue = publicEntries.map((f) => join(dist, f));
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, from, inline] of text.matchAll(
      /^(?:import|export|\})[^\n]*?from\s*"([^"]+)"|import\("([^"]+)"\)/gm,
    )) {
      const spec = from ?? inline ?? "";
      if (/^(drizzle-orm|node:)/.test(spec)) {
        throw new Error(`${file} imports ${spec}: keep it out of edgelit's public declarations`);
      }
      if (spec.startsWith(".")) queue.push(join(dirname(file), spec.replace(/\.js$/, ".d.ts")));
    }
  }
}
