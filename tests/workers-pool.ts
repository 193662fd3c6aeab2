/**
 * The one base of the Workers-pool projects (`workers`, `workers-auth`, and `reliability` on
 * top of `workers`): the repo's wrangler.toml, the D1 migrations applied before each test file,
 * the `edgelit` aliases to a project's fixture app, and the runtime-test timeout. A project
 * adds only its name, its bindings and its global setup.
 */
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const repo = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

type Inject = (key: "oauthUrl") => string;

export interface PoolProject {
  /** The Vitest project name. */
  name: string;
  /** The project's folder under tests/ (its tests, fixture-app.ts, fixture-meta.ts, global-setup.ts). */
  dir: string;
  /** Bindings besides TEST_MIGRATIONS; `inject` reads what the global setup provided. */
  bindings?: (inject: Inject) => Record<string, string>;
}

/** A Workers-pool project running the real Worker and Durable Objects in workerd. */
export function workersPool(project: PoolProject) {
  const dir = (path: string) => repo(`tests/${project.dir}/${path}`);
  return defineConfig({
    plugins: [
      cloudflareTest(async ({ inject }) => ({
        wrangler: { configPath: repo("wrangler.toml") },
        miniflare: {
          bindings: {
            // The D1 migrations, applied by tests/workers/apply-migrations.ts before each file.
            TEST_MIGRATIONS: await readD1Migrations(repo("schema/migrations")),
            ...project.bindings?.(inject),
          },
        },
      })),
    ],
    resolve: {
      alias: [
        { find: /^edgelit$/, replacement: repo("durable-objects/sdk/index.ts") },
        { find: /^edgelit:app$/, replacement: dir("fixture-app.ts") },
        { find: /^edgelit:meta$/, replacement: dir("fixture-meta.ts") },
      ],
    },
    test: {
      name: project.name,
      include: [dir("**/*.test.ts")],
      globalSetup: [dir("global-setup.ts")],
      setupFiles: [repo("tests/workers/apply-migrations.ts")],
      testTimeout: 20_000,
    },
  } satisfies TestProjectInlineConfiguration);
}
