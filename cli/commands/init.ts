/** `edgelit init <folder>`: the same project as `npm create edgelit@latest <folder>`. */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "../command.js";
import { kitPaths } from "../paths.js";

interface Scaffolder {
  cli(argv: string[], options: { invokedAs: string }): Promise<number>;
}

export const init: Command = {
  name: "init",
  help: `Usage: edgelit init <folder> [--kit SPEC] [--name NAME]

Writes a new Edgelit project into <folder>, like npm create edgelit@latest <folder>.`,

  async run(argv) {
    const file = join(kitPaths.root, "packages", "create-edgelit", "scaffold.mjs");
    const scaffolder = (await import(pathToFileURL(file).href)) as Scaffolder;
    return scaffolder.cli(argv, { invokedAs: "edgelit init" });
  },
};
