/** A bad app or command line stops the CLI with one clear message and a non-zero exit. */
import { existsSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { echoApp, runCli, tempApps } from "./helpers.js";

/** Temp apps of this file, removed after its tests. */
const app = tempApps();

describe.concurrent("config.toml errors", () => {
  it("names an unknown key and the file", async () => {
    const { dir } = app({ "app.ts": echoApp, "config.toml": "[UI]\nnmae = 'typo'\n" });
    const r = await runCli(["run", join(dir, "app.ts"), "--port", "1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/config\.toml: unknown key "UI\.nmae"/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(join(dir, ".edgelit"))).toBe(false);
  });

  it("names a key of the wrong type", async () => {
    const { dir } = app({ "app.ts": echoApp, "config.toml": "[features]\nlatex = 'yes'\n" });
    const r = await runCli(["deploy", join(dir, "app.ts"), "--dry-run"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/config\.toml: key "features\.latex"/);
  });

  it("reports every bad key at once, one line each", async () => {
    const { dir } = app({
      "app.ts": echoApp,
      "config.toml": "[UI]\nnmae = 'typo'\ncot = 'everything'\n[features]\nlatex = 'yes'\n",
    });
    const r = await runCli(["run", join(dir, "app.ts"), "--port", "1"]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(r.stderr).toMatch(/config\.toml: unknown key "UI\.nmae"/);
    expect(r.stderr).toMatch(/config\.toml: key "UI\.cot"/);
    expect(r.stderr).toMatch(/config\.toml: key "features\.latex"/);
  });

  it("refuses speech_to_text turned on, pointing to features.audio, and accepts it off", async () => {
    const on = app({
      "app.ts": echoApp,
      "config.toml": "[features.speech_to_text]\nenabled = true\n",
    });
    const r = await runCli(["deploy", join(on.dir, "app.ts"), "--dry-run"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `edgelit: ${join(on.dir, "config.toml")}: key "features.speech_to_text.enabled": is Chainlit 1's name; use [features.audio] enabled = true instead`,
    );
    const off = app({
      "app.ts": echoApp,
      "config.toml": "[features.speech_to_text]\nenabled = false\n",
    });
    const ok = await runCli(["deploy", join(off.dir, "app.ts"), "--dry-run"]);
    expect(ok.stderr).not.toMatch(/speech_to_text/);
    expect(ok.code).toBe(0);
  });

  it("reports invalid TOML", async () => {
    const { dir } = app({ "app.ts": echoApp, "config.toml": "[UI\n" });
    const r = await runCli(["run", join(dir, "app.ts")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/config\.toml: invalid TOML/);
  });
});

describe.concurrent("app errors", () => {
  it("names the file and line of a syntax error", async () => {
    const { dir } = app({
      "app.ts": `import * as cl from "edgelit";\nimport { helper } from "./lib/helper";\ncl.onMessage(helper);\n`,
      "lib/helper.ts": "export async function helper() {\n  const x = ;\n}\n",
    });
    const r = await runCli(["run", join(dir, "app.ts")], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/edgelit: lib\/helper\.ts:2:13: Unexpected ";"/);
  });

  it("names an import that does not resolve", async () => {
    const { dir } = app({ "app.ts": `import "not-a-package-anywhere";\n` });
    const r = await runCli(["run", join(dir, "app.ts")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/app\.ts:1:\d+: Could not resolve "not-a-package-anywhere"/);
  });

  it("refuses a missing app file", async () => {
    const r = await runCli(["run", "/nonexistent/app.ts"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/app file not found: \/nonexistent\/app\.ts/);
  });

  it("names the option of a bad port", async () => {
    const r = await runCli(["run", "/nonexistent/app.ts", "--inspector-port", "99999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--inspector-port must be a number from 1 to 65535, got "99999"/);
  });

  const authApps = {
    password: `import * as cl from "edgelit";\ncl.passwordAuthCallback(async (u, p) => (p === "x" ? new cl.User({ identifier: u }) : null));\n`,
    header: `import { headerAuthCallback } from "edgelit";\nheaderAuthCallback(() => null);\n`,
    oauth: `import * as cl from "edgelit";\ncl.oauthCallback((_p, _t, _raw, user) => user);\n`,
  };

  for (const [kind, source] of Object.entries(authApps)) {
    it(`requires EDGELIT_AUTH_SECRET with a ${kind} auth callback`, async () => {
      const { dir } = app({ "app.ts": source });
      const r = await runCli(["run", join(dir, "app.ts")]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /app\.ts registers an auth callback but EDGELIT_AUTH_SECRET is not set/,
      );
      expect(r.stderr).toMatch(/create-secret/);
    });
  }
});

describe.concurrent("edgelit run", () => {
  it("refuses a port that is already taken", async () => {
    const server = createServer().listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const { dir } = app({ "app.ts": echoApp });
      const port = (server.address() as AddressInfo).port;
      const r = await runCli(["run", join(dir, "app.ts"), "--port", String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
    } finally {
      server.close();
    }
  });
});

describe.concurrent("command line", () => {
  it("rejects an unknown command with exit code 2", async () => {
    const r = await runCli(["serve"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "serve"/);
  });

  it("rejects an unknown option and a bad port with exit code 2", async () => {
    expect((await runCli(["run", "app.ts", "--bogus"])).code).toBe(2);
    const r = await runCli(["run", "app.ts", "--port", "99999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--port/);
  });

  it("requires an app file", async () => {
    expect((await runCli(["run"])).code).toBe(2);
    expect((await runCli(["deploy", "--dry-run"])).code).toBe(2);
  });

  it("prints help for the CLI and each command", async () => {
    const main = await runCli(["--help"]);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/run .*\n.*deploy .*\n.*init .*\n.*build .*\n.*create-secret/);
    for (const command of ["run", "deploy", "init", "build", "create-secret"]) {
      const r = await runCli([command, "--help"]);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toMatch(new RegExp(`^Usage: edgelit ${command}`));
    }
  });

  it("prints a fresh 32-byte base64url secret", async () => {
    const [a, b] = await Promise.all([runCli(["create-secret"]), runCli(["create-secret"])]);
    expect(a.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.stdout).not.toBe(b.stdout);
  });
});
