/**
 * The kit as a user gets it: `npm pack` of the kit and of create-edgelit, a project created in a
 * temporary folder outside the repo from those tarballs, installed, type-checked and tested with
 * its own scripts, served by plain `wrangler dev` (one chat over the WebSocket), upgraded with a
 * new kit migration, and bundled by `wrangler deploy --dry-run`.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, killGroup, repoRoot, waitFor } from "../cli/helpers.js";
import { chatOnce } from "../helpers/ws-chat.js";

const work = mkdtempSync(join(tmpdir(), "edgelit-kit-"));
const project = join(work, "my-app");
/** The environment of a user's shell: none of this test runner's variables. */
const env: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(VITEST|EDGELIT_|OPENAI_|NODE_ENV$)/.test(key)),
);
env.CI = "true";
env.WRANGLER_SEND_METRICS = "false";

/** Runs a command to completion; throws with its output when it fails. */
function sh(cmd: string, args: string[], cwd: string, stdoutOnly = false): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", timeout: 300_000 });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}):\n${output}`);
  return stdoutOnly ? (r.stdout ?? "") : output;
}

let kitTarball = "";
let scaffolder = "";

beforeAll(() => {
  if (!existsSync(join(repoRoot, "web/dist/index.html"))) sh("npm", ["run", "build:web"], repoRoot);
  sh("npm", ["run", "build:kit"], repoRoot);
  const pack = (dir: string) =>
    join(
      work,
      sh("npm", ["pack", "--ignore-scripts", "--pack-destination", work], dir, true)
        .trim()
        .split("\n")
        .at(-1) ?? "",
    );
  kitTarball = pack(repoRoot);
  scaffolder = pack(join(repoRoot, "packages/create-edgelit"));
  sh(
    "npm",
    [
      "exec",
      "--yes",
      "--package",
      scaffolder,
      "--",
      "create-edgelit",
      "my-app",
      "--kit",
      kitTarball,
    ],
    work,
  );
  sh("npm", ["install", "--no-audit", "--no-fund"], project);
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a project made by create-edgelit from the packed kit", () => {
  it("packs small tarballs", () => {
    const size = statSync(kitTarball).size;
    console.log(`kit tarball: ${(size / 1024 / 1024).toFixed(2)} MB`);
    expect(size).toBeLessThan(3 * 1024 * 1024);
    expect(statSync(scaffolder).size).toBeLessThan(64 * 1024);
  });

  it("has the files the README promises, and types for the bindings", () => {
    for (const file of [
      "app.ts",
      "wrangler.jsonc",
      ".dev.vars.example",
      ".gitignore",
      "README.md",
      "test/app.test.ts",
      "worker-configuration.d.ts",
    ]) {
      expect(existsSync(join(project, file)), file).toBe(true);
    }
    expect(readFileSync(join(project, "worker-configuration.d.ts"), "utf8")).toContain(
      "CHAT_SESSION: DurableObjectNamespace",
    );
  });

  it("type-checks strictly against edgelit's declarations (npm run typecheck)", () => {
    // Every public entry, including edgelit/testing, checked without skipLibCheck.
    writeFileSync(
      join(project, "kit-types.ts"),
      `import type { TestChat, Turn } from "edgelit/testing";\nimport type { EdgelitWorker } from "edgelit/worker";\nimport * as cl from "edgelit";\nexport type Checked = [TestChat, Turn, EdgelitWorker, cl.Message];\n`,
    );
    try {
      sh("npm", ["run", "typecheck"], project);
    } finally {
      rmSync(join(project, "kit-types.ts"));
    }
  }, 180_000);

  it("passes its own test, written with edgelit/testing (npm test)", () => {
    expect(sh("npm", ["test"], project)).toMatch(/1 passed/);
  }, 180_000);

  it("applies a new kit migration on the next npm run dev, and chats over the WebSocket", async () => {
    // What an upgrade of the kit brings: one more migration in the package.
    const migrations = join(project, "node_modules/edgelit/schema/migrations");
    writeFileSync(
      join(migrations, "0999_upgrade_probe.sql"),
      "CREATE TABLE upgrade_probe (id INTEGER);\n",
    );
    const port = await freePort();
    const dev: ChildProcess = spawn(
      "npm",
      ["run", "dev", "--", "--port", String(port), "--ip", "127.0.0.1"],
      {
        cwd: project,
        env,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    dev.stdout?.on("data", (c: Buffer) => (output += c));
    dev.stderr?.on("data", (c: Buffer) => (output += c));
    try {
      const origin = `http://127.0.0.1:${port}`;
      await waitFor(
        async () => (await fetch(`${origin}/health`).catch(() => null))?.ok === true,
        120_000,
        `wrangler dev:\n${output}`,
      );
      expect(output).toContain("0999_upgrade_probe.sql");
      const page = await fetch(`${origin}/`);
      expect(await page.text()).toContain("<!doctype html>");
      const chat = await chatOnce(origin, "hello kit");
      expect(chat.lines[0]).toBe("user_message:hello kit");
      expect(chat.lines).toContain("tool:Demo model (offline)");
      expect(chat.lines.at(-1)).toMatch(/^assistant_message:You asked:\n\n```text\nhello kit\n```/);
    } finally {
      await killGroup(dev);
    }
    const applied = sh(
      "npx",
      ["wrangler", "d1", "execute", "DB", "--local", "--command", "SELECT name FROM d1_migrations"],
      project,
    );
    expect(applied).toContain("0000_threads.sql");
    expect(applied).toContain("0999_upgrade_probe.sql");
  }, 240_000);

  it("bundles with wrangler deploy --dry-run, minified, under 200 KiB gzip", () => {
    const out = sh(
      "npx",
      ["wrangler", "deploy", "--dry-run", "--outdir", join(work, "bundle")],
      project,
    );
    const gzip = Number(/gzip: ([\d.]+) KiB/.exec(out)?.[1]);
    console.log(`scaffolded worker: ${gzip} KiB gzip`);
    expect(gzip).toBeGreaterThan(0);
    expect(gzip).toBeLessThan(200);
  }, 180_000);
});
