#!/usr/bin/env node
// `npm run dev` step: apply the D1 migrations to the local database without wrangler's
// interactive confirmation (CI=true makes it non-interactive), on any platform.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const wrangler = join(dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");
const result = spawnSync(
  process.execPath,
  [wrangler, "d1", "migrations", "apply", "DB", "--local", ...process.argv.slice(2)],
  {
    stdio: "inherit",
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
  },
);
process.exit(result.status ?? 1);
