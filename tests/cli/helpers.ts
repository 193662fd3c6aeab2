/** Helpers for the CLI tests: temp apps outside the repo, running `bin/edgelit.mjs`, ports. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const edgelitBin = join(repoRoot, "bin", "edgelit.mjs");

/** The smallest app: echoes each message. */
export const echoApp = `import * as cl from "edgelit";
cl.onMessage(async (m) => { await new cl.Message(\`echo: \${m.content}\`).send(); });
`;

/** Writes `files` (path → content) into a fresh temp directory outside the repo. */
export function makeApp(files: Record<string, string>): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "edgelit-cli-"));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `makeApp` for one test file: every app it makes is removed after the file's tests. */
export function tempApps(): (files: Record<string, string>) => { dir: string; cleanup(): void } {
  const apps: { cleanup(): void }[] = [];
  afterAll(() => {
    for (const app of apps.splice(0)) app.cleanup();
  });
  return (files) => {
    const made = makeApp(files);
    apps.push(made);
    return made;
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion. The environment is cleaned of Edgelit variables unless given. */
export function runCli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [edgelitBin, ...args], {
      cwd: opts.cwd ?? repoRoot,
      env: { ...cleanEnv(), ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts the CLI in its own process group (so the whole tree can be killed). */
export function startCli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
) {
  const child = spawn(process.execPath, [edgelitBin, ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: { ...cleanEnv(), ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c));
  child.stderr?.on("data", (c: Buffer) => (output += c));
  return { child, output: () => output };
}

/** Kills a process group started by `startCli` and waits for its leader to exit. */
export async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), sig);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
  signal("SIGKILL"); // stragglers of the group (workerd) if any
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export { waitFor } from "../helpers/wait.js";

function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(EDGELIT_|OPENAI_|OAUTH_|VITEST)/.test(key)) continue;
    if (key !== "NODE_ENV") env[key] = value;
  }
  return env;
}
