/**
 * The wrangler config of an app: the kit's own wrangler.toml (so bindings, compatibility and
 * migrations stay in step with `npm run dev`) with the app's name, aliases and assets, and every
 * path made absolute so the file works from the app's state directory.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse as parseToml } from "smol-toml";
import * as v from "valibot";
import { kitPaths, wranglerBin } from "./paths.js";

const named = v.looseObject({ binding: v.string() });
const BaseConfig = v.looseObject({
  name: v.string(),
  main: v.string(),
  tsconfig: v.optional(v.string()),
  assets: v.optional(v.looseObject({ directory: v.optional(v.string()) })),
  d1_databases: v.optional(
    v.array(
      v.looseObject({
        ...named.entries,
        database_name: v.string(),
        migrations_dir: v.optional(v.string()),
      }),
    ),
  ),
  r2_buckets: v.optional(v.array(v.looseObject({ ...named.entries, bucket_name: v.string() }))),
});

export type BaseConfig = v.InferOutput<typeof BaseConfig>;

/** Reads and checks the kit's wrangler.toml. */
export function loadBaseConfig(file = kitPaths.wranglerToml): BaseConfig {
  return v.parse(BaseConfig, parseToml(readFileSync(file, "utf8")));
}

export interface AppWiring {
  name: string;
  /** Absolute paths: `edgelit`, `edgelit:app`, `edgelit:meta`, packages. */
  alias: Record<string, string>;
  assetsDir: string;
}

/**
 * The generated config, as a plain object ready for `wrangler.json`.
 * @example
 * makeWranglerConfig(loadBaseConfig(), { name: "echo", alias, assetsDir }).main; // /…/worker/index.ts
 */
export function makeWranglerConfig(base: BaseConfig, app: AppWiring, baseDir = kitPaths.root) {
  // Resource names follow the app: "edgelit-files" becomes "echo-files" for the app "echo".
  const rename = (resource: string) =>
    resource.startsWith(base.name)
      ? app.name + resource.slice(base.name.length)
      : `${app.name}-${resource}`;
  return {
    $schema: join(dirname(dirname(wranglerBin())), "config-schema.json"),
    ...base,
    name: app.name,
    main: kitPaths.worker,
    ...(base.tsconfig ? { tsconfig: resolve(baseDir, base.tsconfig) } : {}),
    alias: app.alias,
    assets: { ...base.assets, directory: app.assetsDir },
    d1_databases: base.d1_databases?.map((db) => ({
      ...db,
      database_name: rename(db.database_name),
      migrations_dir: resolve(baseDir, db.migrations_dir ?? "migrations"),
    })),
    r2_buckets: base.r2_buckets?.map((bucket) => ({
      ...bucket,
      bucket_name: rename(bucket.bucket_name),
    })),
  };
}

/** Writes `<state>/wrangler.json` and returns its path. */
export function writeWranglerConfig(stateDir: string, config: object): string {
  mkdirSync(stateDir, { recursive: true });
  const path = join(stateDir, "wrangler.json");
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
  return path;
}
