#!/usr/bin/env node
// `npm create edgelit@latest my-app`: writes a new Edgelit project into ./my-app.
import { cli } from "./scaffold.mjs";

process.exitCode = await cli(process.argv.slice(2), { invokedAs: "npm create edgelit@latest" });
