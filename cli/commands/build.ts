/**
 * `edgelit build [folder]`: a project's static assets, the web UI plus its `public/` files, in
 * `<folder>/.edgelit/assets`. wrangler.jsonc runs it as its custom build, before every
 * `wrangler dev` and `wrangler deploy`.
 */
import { resolve } from "node:path";
import { type Command, parseOptions } from "../command.js";
import { usageError } from "../errors.js";
import { buildProjectAssets } from "../project-assets.js";

export const build: Command = {
  name: "build",
  help: `Usage: edgelit build [folder]

Copies the web UI and <folder>/public (served at /public/...) into <folder>/.edgelit/assets,
the assets directory of a project made by npm create edgelit. Folder: default ".".`,

  async run(argv) {
    const { values, positionals } = parseOptions(argv, {
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      console.log(this.help);
      return 0;
    }
    if (positionals.length > 1) throw usageError(`unexpected argument "${positionals[1]}"`);
    buildProjectAssets(resolve(positionals[0] ?? "."));
    return 0;
  },
};
