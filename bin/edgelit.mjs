#!/usr/bin/env node
// The `edgelit` command. The CLI is TypeScript (cli/); tsx compiles it on the fly, scoped to
// the CLI's own modules and tsconfig (not the user's), so the kit ships no build step for it.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const tsx = register({
  namespace: "edgelit-cli",
  tsconfig: fileURLToPath(new URL("../cli/tsconfig.json", import.meta.url)),
});
const { main } = await tsx.import("../cli/main.ts", import.meta.url);
process.exitCode = await main(process.argv.slice(2));
