#!/usr/bin/env node
// The `edgelit` command. The CLI is TypeScript (cli/); tsx compiles it on the fly so the repo
// ships no build step for it.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
