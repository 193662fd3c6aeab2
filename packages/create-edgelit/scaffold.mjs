/**
 * Writes a new Edgelit project: the files of template/ with the project's name filled in, and a
 * package.json whose `edgelit` dependency is this scaffolder's version (or `--kit SPEC`: a
 * tarball, a folder or a git URL while the kit is not published). Nothing is overwritten: the
 * target folder must be new or empty. Shared by `create-edgelit` and `edgelit init`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const templateDir = join(here, "template");
/** npm drops `.gitignore` from packages, so the template holds it as `_gitignore`. */
const renames = { _gitignore: ".gitignore" };

/** Versions of the tools a new project starts with (the ones the kit is tested with). */
const devDependencies = {
  "@cloudflare/vitest-pool-workers": "0.15.1",
  typescript: "~5.9.3",
  vitest: "~4.1.9",
  wrangler: "^4.86.0",
};

/** A valid Worker and package name from a folder name. */
export function projectName(raw) {
  const slug = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 63)
    .replace(/-$/, "");
  return slug || "edgelit-app";
}

/**
 * Writes the project into `dir`; returns the files written (relative paths).
 * @throws Error when `dir` exists and is not empty.
 */
export function scaffold(dir, options = {}) {
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new Error(`${dir} already exists and is not empty; choose a new folder`);
  }
  const name = projectName(options.name ?? basename(target));
  const version = JSON.parse(readFileSync(join(here, "package.json"), "utf8")).version;
  const written = [];
  const fill = (text) => text.replaceAll("{{name}}", name);
  for (const file of walk(templateDir)) {
    const rel = relative(templateDir, file);
    const out = join(target, dirname(rel), renames[basename(rel)] ?? basename(rel));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, fill(readFileSync(file, "utf8")));
    written.push(relative(target, out));
  }
  const pkg = {
    name,
    version: "0.0.0",
    private: true,
    type: "module",
    scripts: {
      dev: "wrangler d1 migrations apply DB --local && wrangler dev",
      deploy: "wrangler deploy && wrangler d1 migrations apply DB --remote",
      test: "vitest run",
      typecheck: "tsc --noEmit && tsc --noEmit -p test",
      types: "wrangler types",
      postinstall: "wrangler types",
    },
    dependencies: { edgelit: kitSpec(options.kit) ?? `^${version}` },
    devDependencies,
  };
  writeFileSync(join(target, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  written.push("package.json");
  return written.sort();
}

/** A tarball or folder given by path becomes a `file:` spec that works from the project. */
function kitSpec(spec) {
  if (spec === undefined) return undefined;
  if (/^[.~/]/.test(spec) || /\.tgz$/.test(spec)) return `file:${resolve(spec)}`;
  return spec;
}

function* walk(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

const usage = (invokedAs) => `Usage: ${invokedAs} <folder> [--kit SPEC]

Writes a new Edgelit project into <folder> (new or empty): app.ts, model.ts, worker.ts,
wrangler.jsonc, config.toml, welcome.md, a test, package.json and a README.

Options:
  --kit SPEC    the edgelit dependency: a version range, a tarball, a folder or a git URL
                (default: this scaffolder's version)
  --name NAME   the Worker's name (default: the folder's name)
  -h, --help    this help`;

/** The command line; resolves to the exit code. */
export async function cli(argv, { invokedAs }) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        kit: { type: "string" },
        name: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    console.error(`${err.message}\n\n${usage(invokedAs)}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage(invokedAs));
    return 0;
  }
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) {
    console.error(usage(invokedAs));
    return 2;
  }
  try {
    scaffold(dir, { kit: values.kit, name: values.name });
  } catch (err) {
    console.error(`create-edgelit: ${err.message}`);
    return 1;
  }
  console.log(`Created ${dir}. Next:

  cd ${dir}
  npm install
  npm run dev`);
  return 0;
}
