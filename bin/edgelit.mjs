#!/usr/bin/env node
// The `edgelit` command. In the repo the CLI is TypeScript (cli/), compiled on the fly by tsx
// scoped to the CLI's own modules and tsconfig; the installed package runs its built copy
// (dist/cli/), so tsx is a development tool only.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const source = new URL("../cli/main.ts", import.meta.url);
let main;
if (existsSync(fileURLToPath(source))) {
  const { register } = await import("tsx/esm/api");
  const tsx = register({
    namespace: "edgelit-cli",
    tsconfig: fileURLToPath(new URL("../cli/tsconfig.json", import.meta.url)),
  });
  ({ main } = await tsx.import("../cli/main.ts", import.meta.url));
} else {
  ({ main } = await import("../dist/cli/main.js"));
}
process.exitCode = await main(process.argv.slice(2));
