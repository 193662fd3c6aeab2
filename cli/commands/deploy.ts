/** `edgelit deploy <app.ts> [wrangler deploy options]`: `wrangler deploy` of any app file. */
import { locateApp } from "../app.js";
import type { Command } from "../command.js";
import { usageError } from "../errors.js";
import { absolutePathOptions } from "../passthrough.js";
import { displayPath } from "../paths.js";
import { prepareApp } from "../prepare.js";
import { startWrangler } from "../wrangler.js";

export const deploy: Command = {
  name: "deploy",
  help: `Usage: edgelit deploy <path/to/app.ts> [wrangler deploy options]

Checks the app, generates its wrangler config (<appdir>/.edgelit/wrangler.json) and runs
wrangler deploy with it. Options after the app file go to wrangler unchanged, e.g.
  edgelit deploy app.ts --dry-run --outdir dist

Secrets are not uploaded: set them once with
  npx wrangler secret put EDGELIT_AUTH_SECRET --config <appdir>/.edgelit/wrangler.json
and apply the D1 migrations to the deployed database with
  npx wrangler d1 migrations apply DB --remote --config <appdir>/.edgelit/wrangler.json

Options:
  --persist-to DIR    state directory (default <appdir>/.edgelit)
  -h, --help          this help`,

  async run(argv) {
    const [appPath, ...rest] = argv;
    if (appPath === "-h" || appPath === "--help" || rest.includes("--help")) {
      console.log(this.help);
      return 0;
    }
    if (!appPath || appPath.startsWith("-")) {
      throw usageError("edgelit deploy needs the app file first: edgelit deploy <path/to/app.ts>");
    }
    const { persistTo, passthrough } = takePersistTo(rest);
    const app = locateApp(appPath, persistTo);
    const prepared = await prepareApp(app);
    if (prepared.compiled.usesAuth && !passthrough.includes("--dry-run")) {
      console.error(
        "edgelit: the app uses auth; the Worker needs the EDGELIT_AUTH_SECRET secret " +
          `(npx wrangler secret put EDGELIT_AUTH_SECRET --config ${displayPath(prepared.wranglerConfig)})`,
      );
    }
    const wranglerArgs = ["deploy", "--config", prepared.wranglerConfig];
    const { exited } = startWrangler([...wranglerArgs, ...absolutePathOptions(passthrough)]);
    return exited;
  },
};

/** Splits off `--persist-to DIR` (ours); the rest belongs to wrangler. */
function takePersistTo(args: string[]): { persistTo?: string; passthrough: string[] } {
  const passthrough: string[] = [];
  let persistTo: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--persist-to") {
      persistTo = args[++i];
      if (!persistTo) throw usageError("--persist-to needs a directory");
    } else if (arg.startsWith("--persist-to=")) {
      persistTo = arg.slice("--persist-to=".length);
    } else {
      passthrough.push(arg);
    }
  }
  return { persistTo, passthrough };
}
