/** The generated tsconfig lets an app outside the repo type-check `import * as cl from "edgelit"`. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locateApp } from "../../cli/app.js";
import { prepareApp } from "../../cli/prepare.js";
import { echoApp, makeApp, repoRoot } from "./helpers.js";

describe("<state>/tsconfig.json", () => {
  const app = makeApp({
    "app.ts": `${echoApp}import OpenAI from "openai";\nexport const client = new OpenAI({ apiKey: "x" });\n`,
    "bad.ts": `import * as cl from "edgelit";\ncl.onMessage(async (m) => {\n  const n: number = m.content;\n  return n;\n});\n`,
    "web/index.html": "ui",
  });
  let diagnostics: string[] = [];

  beforeAll(async () => {
    const files = locateApp(join(app.dir, "app.ts"));
    await prepareApp(files, { webDist: join(app.dir, "web") });
    const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", join(files.stateDir, "tsconfig.json")], {
      cwd: app.dir,
      encoding: "utf8",
    });
    diagnostics = r.stdout.split("\n").filter((line) => /error TS\d+/.test(line));
  }, 120_000);
  afterAll(() => app.cleanup());

  it("resolves edgelit and the kit's packages for the app's files", () => {
    // Only the app's own files count (paths relative to the app folder, not ../ into the kit).
    const appErrors = diagnostics.filter((line) => !line.startsWith("..") && !line.startsWith("/"));
    expect(appErrors.filter((line) => !line.startsWith("bad.ts"))).toEqual([]);
  });

  it("reports the app's type errors with file and line", () => {
    expect(diagnostics).toContainEqual(
      expect.stringMatching(
        /^bad\.ts\(3,9\): error TS2322: Type 'string' is not assignable to type 'number'/,
      ),
    );
  });
});
