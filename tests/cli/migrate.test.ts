/** Local D1 migrations of `edgelit run`, on the real wrangler, with a scratch migrations folder. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locateApp } from "../../cli/app.js";
import { migrateLocal } from "../../cli/migrate.js";
import { prepareApp } from "../../cli/prepare.js";
import { runWranglerQuiet } from "../../cli/wrangler.js";
import { echoApp, makeApp } from "./helpers.js";

describe("migrateLocal", () => {
  const app = makeApp({
    "app.ts": echoApp,
    "web/index.html": "ui",
    "migrations/0001_notes.sql": "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n",
  });
  const migrations = join(app.dir, "migrations");
  const data = join(app.dir, ".edgelit/data");
  let configPath = "";

  beforeAll(async () => {
    const prepared = await prepareApp(locateApp(join(app.dir, "app.ts")), {
      webDist: join(app.dir, "web"),
    });
    // Point the DB at the scratch migrations instead of the kit's.
    const config = JSON.parse(readFileSync(prepared.wranglerConfig, "utf8"));
    config.d1_databases[0].migrations_dir = migrations;
    writeFileSync(prepared.wranglerConfig, JSON.stringify(config));
    configPath = prepared.wranglerConfig;
  });
  afterAll(() => app.cleanup());

  it("applies pending migrations to the app's local database, once", async () => {
    const db = [{ binding: "DB", migrationsDir: migrations }];
    await migrateLocal(configPath, data, db);
    await migrateLocal(configPath, data, db); // nothing pending: still fine
    const query = await runWranglerQuiet([
      ...["d1", "execute", "DB", "--local", "--json", "--config", configPath],
      ...["--persist-to", data, "--command", "SELECT name FROM sqlite_master WHERE name = 'notes'"],
    ]);
    expect(query.code, query.output).toBe(0);
    expect(query.output).toContain('"name": "notes"');
  });

  it("skips a database whose migrations folder is missing or empty", async () => {
    const none = [{ binding: "DB", migrationsDir: join(app.dir, "nowhere") }];
    await expect(migrateLocal(configPath, data, none)).resolves.toBeUndefined();
  });

  it("reports a failing migration with wrangler's output", async () => {
    writeFileSync(join(migrations, "0002_bad.sql"), "CREATE TABLE oops (;\n");
    const db = [{ binding: "DB", migrationsDir: migrations }];
    await expect(migrateLocal(configPath, data, db)).rejects.toThrow(
      /could not migrate the local D1 database DB:[\s\S]*0002_bad\.sql/,
    );
  });
});
