/** The generated state directory of an app: wrangler.json, text modules, assets, .dev.vars. */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locateApp, workerName } from "../../cli/app.js";
import { devVarsFor, parseDevVars, writeDevVars } from "../../cli/dev-vars.js";
import { kitPaths } from "../../cli/paths.js";
import { type PreparedApp, prepareApp } from "../../cli/prepare.js";
import { echoApp, makeApp } from "./helpers.js";

const toml = parseToml(readFileSync(kitPaths.wranglerToml, "utf8")) as Record<string, unknown>;

describe("prepareApp on an app outside the repo", () => {
  const app = makeApp({
    "bot/app.ts": `${echoApp}import OpenAI from "openai";\nexport const client = OpenAI;\n`,
    "bot/config.toml": '[UI]\nname = "Bot"\n',
    "bot/welcome.md": "# Hello from the bot\n",
    "bot/public/x.txt": "public file\n",
    "bot/public/img/logo.svg": "<svg/>",
    "web/index.html": "<html>ui</html>",
    "web/assets/app.js": "console.log(1)",
  });
  const files = locateApp(join(app.dir, "bot/app.ts"));
  let prepared: PreparedApp;
  let config: Record<string, unknown>;

  beforeAll(async () => {
    prepared = await prepareApp(files, { webDist: join(app.dir, "web") });
    config = JSON.parse(readFileSync(prepared.wranglerConfig, "utf8"));
  });
  afterAll(() => app.cleanup());

  it("finds the files beside the app and names it after its folder", () => {
    expect(files.name).toBe("bot");
    expect(files.stateDir).toBe(join(app.dir, "bot/.edgelit"));
    expect(files.config).toBe(join(app.dir, "bot/config.toml"));
    expect(files.welcome).toBe(join(app.dir, "bot/welcome.md"));
    expect(files.publicDir).toBe(join(app.dir, "bot/public"));
    expect(files.devVars).toBeUndefined();
    expect(prepared.wranglerConfig).toBe(join(files.stateDir, "wrangler.json"));
    expect(prepared.config.UI.name).toBe("Bot");
  });

  it("keeps wrangler.toml's bindings, compatibility and migrations", () => {
    for (const key of ["compatibility_date", "compatibility_flags", "rules", "migrations"]) {
      expect(config[key], key).toEqual(toml[key]);
    }
    expect(config.durable_objects).toEqual(toml.durable_objects);
    expect(config.name).toBe("bot");
    expect(config.main).toBe(join(kitPaths.root, "worker/index.ts"));
    expect(config.d1_databases).toEqual([
      { binding: "DB", database_name: "bot", migrations_dir: kitPaths.migrations },
    ]);
    expect(config.r2_buckets).toEqual([{ binding: "FILES", bucket_name: "bot-files" }]);
    expect(config.assets).toEqual({
      ...(toml.assets as object),
      directory: join(files.stateDir, "assets"),
    });
  });

  it("aliases edgelit, the app, its text files and the kit's packages by absolute path", () => {
    const alias = config.alias as Record<string, string>;
    expect(alias.edgelit).toBe(kitPaths.sdk);
    expect(alias["edgelit:app"]).toBe(files.file);
    expect(alias["edgelit:meta"]).toBe(join(files.stateDir, "modules/meta.js"));
    expect(alias.openai).toMatch(/^\/.*node_modules\/openai\//);
    expect(alias.hono).toMatch(/^\/.*node_modules\/hono\//);
    for (const path of Object.values(alias)) expect(existsSync(path), path).toBe(true);
  });

  it("provides every edgelit:* module the Worker imports (wrangler.toml's aliases)", () => {
    const wanted = Object.keys(toml.alias as object).filter((key) => key.startsWith("edgelit"));
    expect(Object.keys(config.alias as object)).toEqual(expect.arrayContaining(wanted));
  });

  it("imports config.toml and welcome.md by path so wrangler's Text rule loads them", () => {
    const meta = readFileSync(join(files.stateDir, "modules/meta.js"), "utf8");
    expect(meta).toContain(`import config from ${JSON.stringify(files.config)};`);
    expect(meta).toContain(`import welcome from ${JSON.stringify(files.welcome)};`);
    expect(meta).toContain("export default { config, welcome, name };");
  });

  it("serves the web UI with the app's public folder under /public", () => {
    const assets = join(files.stateDir, "assets");
    expect(readFileSync(join(assets, "index.html"), "utf8")).toBe("<html>ui</html>");
    expect(existsSync(join(assets, "assets/app.js"))).toBe(true);
    expect(readFileSync(join(assets, "public/x.txt"), "utf8")).toBe("public file\n");
    expect(existsSync(join(assets, "public/img/logo.svg"))).toBe(true);
  });
});

describe("an app without optional files", () => {
  it("gets empty texts and no public folder", async () => {
    const app = makeApp({ "solo.ts": echoApp, "web/index.html": "ui" });
    try {
      const files = locateApp(join(app.dir, "solo.ts"), join(app.dir, "state"));
      expect(files.name).toBe("solo");
      const prepared = await prepareApp(files, { webDist: join(app.dir, "web") });
      expect(prepared.wranglerConfig).toBe(join(app.dir, "state/wrangler.json"));
      const meta = readFileSync(join(app.dir, "state/modules/meta.js"), "utf8");
      expect(meta).toContain('const config = "";');
      expect(meta).toContain('const welcome = "";');
      expect(existsSync(join(app.dir, "state/assets/public"))).toBe(false);
    } finally {
      app.cleanup();
    }
  });
});

describe("workerName", () => {
  it("makes a valid Worker name of any folder name", () => {
    expect(workerName("My Bot_2")).toBe("my-bot-2");
    expect(workerName("---")).toBe("edgelit-app");
    expect(workerName("x".repeat(80))).toHaveLength(63);
  });
});

describe(".dev.vars", () => {
  it("parses wrangler's KEY=value format", () => {
    const text = `# comment\nA=1\nexport B = "two words"\nC='single # not a comment'\nD=bare # comment\nE="line\\nbreak"\n`;
    expect(parseDevVars(text)).toEqual({
      A: "1",
      B: "two words",
      C: "single # not a comment",
      D: "bare",
      E: "line\nbreak",
    });
  });

  it("writes the app's variables plus the forwarded environment, owner-only", () => {
    const app = makeApp({ "app.ts": echoApp, ".dev.vars": "OPENAI_API_KEY=from-file\nOTHER=x\n" });
    try {
      const files = locateApp(join(app.dir, "app.ts"));
      mkdirSync(files.stateDir, { recursive: true });
      const vars = devVarsFor(files, {
        OPENAI_API_KEY: "from-env",
        EDGELIT_AUTH_SECRET: `it's "quoted" \\ and\nmultiline`,
        HOME: "/not/forwarded",
      });
      expect(vars).toEqual({
        OPENAI_API_KEY: "from-env",
        OTHER: "x",
        EDGELIT_AUTH_SECRET: `it's "quoted" \\ and\nmultiline`,
      });
      writeDevVars(files, vars);
      const path = join(files.stateDir, ".dev.vars");
      expect(parseDevVars(readFileSync(path, "utf8"))).toEqual(vars);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      writeDevVars(files, {});
      expect(existsSync(path)).toBe(false);
    } finally {
      app.cleanup();
    }
  });
});

describe("locateApp", () => {
  it("refuses a missing app file", () => {
    const app = makeApp({});
    try {
      writeFileSync(join(app.dir, "x.txt"), "");
      expect(() => locateApp(join(app.dir, "nope.ts"))).toThrow(/app file not found/);
    } finally {
      app.cleanup();
    }
  });
});
