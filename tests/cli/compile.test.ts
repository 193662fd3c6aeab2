/** What the pre-flight build learns about an app: auth callbacks, packages from the kit. */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { locateApp } from "../../cli/app.js";
import { requireAuthSecret } from "../../cli/auth-secret.js";
import { compileApp } from "../../cli/compile.js";
import { absolutePathOptions } from "../../cli/passthrough.js";
import { echoApp, makeApp } from "./helpers.js";

const made: { cleanup(): void }[] = [];
afterAll(() => {
  for (const app of made) app.cleanup();
});

async function compile(files: Record<string, string>) {
  const app = makeApp(files);
  made.push(app);
  const located = locateApp(join(app.dir, "app.ts"));
  return { app: located, compiled: await compileApp(located) };
}

describe("compileApp", () => {
  it("sees an auth callback registered in a module the app imports", async () => {
    const { compiled } = await compile({
      "app.ts": `${echoApp}import "./auth";\n`,
      "auth.ts": `import * as cl from "edgelit";\ncl.passwordAuthCallback(() => null);\n`,
    });
    expect(compiled.usesAuth).toBe(true);
  });

  it("ignores auth callbacks in comments and dead code", async () => {
    const { compiled } = await compile({
      "app.ts": `${echoApp}// cl.passwordAuthCallback(() => null);\n/* cl.oauthCallback */\nif (false) cl.headerAuthCallback(() => null);\n`,
    });
    expect(compiled.usesAuth).toBe(false);
  });

  it("resolves the kit's packages for an app without node_modules, subpaths included", async () => {
    const { compiled } = await compile({
      "app.ts": `${echoApp}import { Hono } from "hono";\nimport { cors } from "hono/cors";\nexport { Hono, cors };\n`,
    });
    expect(compiled.kitImports["hono/cors"]).toMatch(/node_modules\/hono\/dist\/.*cors/);
    expect(compiled.kitImports.hono).toMatch(/node_modules\/hono\//);
    // openai is not the kit's (an app that wants it installs it): no fallback for it.
    expect(compiled.kitImports).not.toHaveProperty("openai");
    expect(compiled.kitImports).not.toHaveProperty("edgelit");
  });

  it("leaves packages the app has itself to the app", async () => {
    const { compiled } = await compile({
      "app.ts": `${echoApp}import { x } from "own-pkg";\nexport { x };\n`,
      "node_modules/own-pkg/package.json": '{"name":"own-pkg","main":"index.js"}',
      "node_modules/own-pkg/index.js": "export const x = 1;",
      "node_modules/hono/package.json": '{"name":"hono","main":"index.js"}',
      "node_modules/hono/index.js": "export const Hono = 1;",
    });
    expect(compiled.kitImports).not.toHaveProperty("own-pkg");
    expect(compiled.kitImports).not.toHaveProperty("hono");
  });
});

describe("requireAuthSecret", () => {
  it("passes without auth or with the secret, and explains what to do otherwise", async () => {
    const { app } = await compile({ "app.ts": echoApp });
    expect(() => requireAuthSecret(app, false, {})).not.toThrow();
    const strong = "KZQNk0gIuyWw9e1uY8sSuP8UCWHOaGLvobQj1nBZbwg";
    expect(() => requireAuthSecret(app, true, { EDGELIT_AUTH_SECRET: strong })).not.toThrow();
    expect(() => requireAuthSecret(app, true, { EDGELIT_AUTH_SECRET: "" })).toThrow(
      /EDGELIT_AUTH_SECRET is not set: add it to .*\.dev\.vars or the environment/,
    );
  });
});

describe("absolutePathOptions", () => {
  it("makes wrangler's path options absolute in both spellings and leaves the rest", () => {
    const args = ["--dry-run", "--outdir", "dist", "--metafile", "--env-file=.env", "--name", "x"];
    expect(absolutePathOptions(args, "/home/me")).toEqual([
      "--dry-run",
      "--outdir",
      "/home/me/dist",
      "--metafile",
      "--env-file=/home/me/.env",
      "--name",
      "x",
    ]);
  });
});
