/** `edgelit run <app.ts>`: the app on a local workerd, like `chainlit run app.py`. */
import { join } from "node:path";
import { locateApp } from "../app.js";
import { requireAuthSecret } from "../auth-secret.js";
import { type Command, parseOptions, parsePort } from "../command.js";
import { devVarsFor, writeDevVars } from "../dev-vars.js";
import { usageError } from "../errors.js";
import { originFor, waitForHealth } from "../health.js";
import { migrateLocal } from "../migrate.js";
import { assertPortFree } from "../port-check.js";
import { prepareApp } from "../prepare.js";
import { syncPublic } from "../public-sync.js";
import { startWrangler } from "../wrangler.js";

export const run: Command = {
  name: "run",
  help: `Usage: edgelit run <path/to/app.ts> [options]

Runs the app with wrangler dev: local D1 (migrated), local R2, the web UI.
Ready when GET /health answers 200.

Beside the app file, all optional:
  config.toml   UI and features (Chainlit's sections)
  .dev.vars     secrets and variables (KEY=value lines)
  public/       static files served at /public/...
  welcome.md    the welcome screen's readme

State (generated config, local D1/R2 data) lives in <appdir>/.edgelit. To type-check the
app against the kit: npx tsc -p <appdir>/.edgelit/tsconfig.json (or, for an editor, a
tsconfig.json beside the app containing { "extends": "./.edgelit/tsconfig.json" }).

Options:
  --port N            port to listen on (default 8787)
  --host H            address to listen on (default 127.0.0.1)
  --persist-to DIR    state directory (default <appdir>/.edgelit)
  --inspector-port N  port of the DevTools inspector (default wrangler's, 9229)
  -h, --help          this help`,

  async run(argv) {
    const { values, positionals } = parseOptions(argv, {
      port: { type: "string" },
      host: { type: "string" },
      "persist-to": { type: "string" },
      "inspector-port": { type: "string" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      console.log(this.help);
      return 0;
    }
    const [appPath, ...extra] = positionals;
    if (!appPath) throw usageError("edgelit run needs an app file: edgelit run <path/to/app.ts>");
    if (extra.length > 0) throw usageError(`unexpected argument "${extra[0]}"`);
    const port = parsePort(values.port, 8787);
    const host = values.host ?? "127.0.0.1";
    const inspector = values["inspector-port"];
    const inspectorPort =
      inspector === undefined ? undefined : parsePort(inspector, 9229, "--inspector-port");

    const app = locateApp(appPath, values["persist-to"]);
    const vars = devVarsFor(app);
    const prepared = await prepareApp(app, {
      check: (compiled) => requireAuthSecret(app, compiled.usesAuth, vars),
    });
    await assertPortFree(host, port);
    writeDevVars(app, vars);
    const data = join(app.stateDir, "data");
    await migrateLocal(prepared.wranglerConfig, data, prepared.databases);

    const { exited } = startWrangler([
      "dev",
      "--config",
      prepared.wranglerConfig,
      "--port",
      String(port),
      "--ip",
      host,
      "--persist-to",
      data,
      ...(inspectorPort === undefined ? [] : ["--inspector-port", String(inspectorPort)]),
    ]);
    const stopSync = app.publicDir ? syncPublic(app.publicDir, prepared.assetsDir) : () => {};
    void exited.finally(stopSync);
    const origin = originFor(host, port);
    void waitForHealth(origin, exited).then((ready) => {
      const shown = host.includes(":") ? `[${host}]` : host;
      if (ready) console.log(`Edgelit app ${app.name} ready on http://${shown}:${port}`);
    });
    return exited;
  },
};
