import { defineConfig } from "drizzle-kit";

/**
 * `npm run db:generate` writes SQL migrations into the folder wrangler applies
 * (`migrations_dir` in wrangler.toml); never edit a migration once it is committed.
 */
export default defineConfig({
  dialect: "sqlite",
  schema: ["./schema/users.ts", "./schema/threads.ts", "./schema/steps.ts"],
  out: "./schema/migrations",
});
