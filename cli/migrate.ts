/** Applies the kit's D1 migrations to an app's local database before `wrangler dev` starts. */
import { existsSync, readdirSync } from "node:fs";
import { CliError } from "./errors.js";
import { runWranglerQuiet } from "./wrangler.js";

/** Applies pending migrations of each database; a missing or empty folder is nothing to do. */
export async function migrateLocal(
  wranglerConfig: string,
  persistTo: string,
  databases: { binding: string; migrationsDir: string }[],
): Promise<void> {
  for (const db of databases) {
    if (!existsSync(db.migrationsDir)) continue;
    if (!readdirSync(db.migrationsDir).some((f) => f.endsWith(".sql"))) continue;
    const args = ["d1", "migrations", "apply", db.binding, "--local"];
    const { code, output } = await runWranglerQuiet([
      ...args,
      "--config",
      wranglerConfig,
      "--persist-to",
      persistTo,
    ]);
    if (code !== 0) {
      throw new CliError(
        `could not migrate the local D1 database ${db.binding}:\n${output.trim()}`,
      );
    }
  }
}
